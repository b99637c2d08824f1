package dev.ciorchestrator.policy.cel;

import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions.Function;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * The string functions that search for a substring: {@code contains}, {@code indexOf}, {@code
 * lastIndexOf}, {@code split} and {@code replace}. Each compares the substring at every position of
 * the text, so one call on a text of a million characters and a substring of half a million makes
 * 10^11 comparisons, minutes that no check between nodes can stop. When a call could cost more than
 * {@link EvaluationBudget#UNCHECKED_CALL}, it runs here instead, searching the same way and
 * charging the budget as it goes, so that it ends at the deadline; cheaper calls run the stock
 * function. {@code replace} also refuses to grow a string beyond {@link CelLimits#maxResultSize()}.
 */
final class BoundedSearch {
  private final StockBindings strings;
  private final BoundedReplace replace;

  private BoundedSearch(int maxResultSize) {
    this.strings =
        new StockBindings(
            CelExtensions.strings(
                Function.INDEX_OF, Function.LAST_INDEX_OF, Function.SPLIT, Function.REPLACE));
    this.replace = new BoundedReplace(maxResultSize);
  }

  static List<CelFunctionBinding> bindings(int maxResultSize) {
    BoundedSearch s = new BoundedSearch(maxResultSize);
    List<CelFunctionBinding> all = new ArrayList<>();
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "contains",
            CelFunctionBinding.from(
                "contains_string", String.class, String.class, BoundedSearch::contains)));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "indexOf",
            s.either("string_index_of_string", a -> s.indexOf(a, 0)),
            s.either("string_index_of_string_int", a -> s.indexOf(a, (Long) a[2]))));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "lastIndexOf",
            s.either("string_last_index_of_string", a -> s.lastIndexOf(a, null)),
            s.either("string_last_index_of_string_int", a -> s.lastIndexOf(a, (Long) a[2]))));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "split",
            s.either("string_split_string", BoundedSearch::cheapSplit, a -> s.split(a, -1)),
            s.either(
                "string_split_string_int",
                BoundedSearch::cheapSplit,
                a -> s.split(a, (Long) a[2]))));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "replace",
            s.replaceBinding("string_replace_string_string", a -> -1L),
            s.replaceBinding("string_replace_string_string_int", a -> (Long) a[3])));
    return all;
  }

  /** Computes a result where the stock function could take long. */
  private interface Bounded {
    Object apply(Object[] args) throws CelEvaluationException;
  }

  private interface Cheap {
    boolean test(Object[] args);
  }

  /** The stock overload for cheap calls, {@code bounded} for the others. */
  private CelFunctionBinding either(String overloadId, Bounded bounded) {
    return either(overloadId, BoundedSearch::cheap, bounded);
  }

  private CelFunctionBinding either(String overloadId, Cheap cheap, Bounded bounded) {
    CelFunctionBinding stock = strings.stock(overloadId);
    return CelFunctionBinding.from(
        overloadId,
        stock.getArgTypes(),
        args -> cheap.test(args) ? stock.getDefinition().apply(args) : bounded.apply(args));
  }

  private interface Limit {
    long of(Object[] args);
  }

  private CelFunctionBinding replaceBinding(String overloadId, Limit limit) {
    CelFunctionBinding stock = strings.stock(overloadId);
    return CelFunctionBinding.from(
        overloadId,
        stock.getArgTypes(),
        args -> {
          if (!cheap(args)) {
            return replace.bounded(args, limit.of(args), EvaluationBudget.current());
          }
          replace.requireWithinBound(args, limit.of(args));
          return stock.getDefinition().apply(args);
        });
  }

  // Searching costs up to the text's length times the substring's.
  private static boolean cheap(Object[] args) {
    long text = ((String) args[0]).length();
    long search = ((String) args[1]).length();
    return text * Math.max(search, 1) <= EvaluationBudget.UNCHECKED_CALL;
  }

  // The stock split into code points costs about a microsecond each.
  private static boolean cheapSplit(Object[] args) {
    return ((String) args[1]).isEmpty() ? ((String) args[0]).length() <= 4096 : cheap(args);
  }

  private static boolean contains(String text, String search) throws CelEvaluationException {
    // The JDK's search compares many characters per instruction: the stock call stays cheap longer.
    if ((long) text.length() * search.length() <= EvaluationBudget.UNCHECKED_CALL * 8) {
      return text.contains(search);
    }
    return Search.indexOf(text, search, 0, EvaluationBudget.current()) >= 0;
  }

  private Object indexOf(Object[] args, long offset) throws CelEvaluationException {
    String search = (String) args[1];
    int[] text = ((String) args[0]).codePoints().toArray();
    if (search.isEmpty() || offset < 0 || offset >= text.length) {
      return strings
          .stock(args.length == 2 ? "string_index_of_string" : "string_index_of_string_int")
          .getDefinition()
          .apply(args); // its answer or its error, without a search
    }
    return (long)
        Search.indexOf(
            text, search.codePoints().toArray(), (int) offset, EvaluationBudget.current());
  }

  private Object lastIndexOf(Object[] args, Long offset) throws CelEvaluationException {
    int[] text = ((String) args[0]).codePoints().toArray();
    int[] search = ((String) args[1]).codePoints().toArray();
    long from = offset == null ? text.length - 1L : offset;
    if (search.length == 0 || from < 0 || from >= text.length || text.length < search.length) {
      String id =
          offset == null ? "string_last_index_of_string" : "string_last_index_of_string_int";
      return strings.stock(id).getDefinition().apply(args); // its answer or error, no search
    }
    return (long)
        Search.lastIndexOf(
            text,
            search,
            (int) Math.min(from, text.length - search.length),
            EvaluationBudget.current());
  }

  /**
   * Guava's {@code Splitter.on(separator).limit(limit)}, as the stock function uses it, or with an
   * empty separator the stock function's own split into code points; either way the pieces are
   * counted against the allocation budget as they are made.
   */
  private Object split(Object[] args, long limit) throws CelEvaluationException {
    String text = (String) args[0];
    String separator = (String) args[1];
    if (limit == 0 || limit == 1) {
      String id = args.length == 2 ? "string_split_string" : "string_split_string_int";
      return strings.stock(id).getDefinition().apply(args); // no search: nothing or all of it
    }
    EvaluationBudget budget = EvaluationBudget.current();
    long pieces = limit < 0 ? text.length() : limit;
    List<String> out = new ArrayList<>();
    int from = 0;
    while (out.size() < pieces - 1 && from < text.length()) {
      int at =
          separator.isEmpty()
              ? text.offsetByCodePoints(from, 1)
              : Search.indexOf(text, separator, from, budget);
      if (at < 0) {
        break;
      }
      out.add(piece(text, from, at, budget));
      from = separator.isEmpty() ? at : at + separator.length();
    }
    if (!separator.isEmpty() || from < text.length()) {
      out.add(piece(text, from, text.length(), budget));
    }
    return List.copyOf(out);
  }

  private static String piece(String text, int from, int to, EvaluationBudget budget)
      throws CelEvaluationException {
    budget.work(1);
    budget.allocate(ValueSizes.REFERENCE + ValueSizes.HEADER + 2L * (to - from));
    return text.substring(from, to);
  }
}
