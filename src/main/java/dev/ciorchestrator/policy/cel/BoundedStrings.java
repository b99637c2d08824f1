package dev.ciorchestrator.policy.cel;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code replace} and {@code regex.replace} refuse to lengthen a string beyond {@link
 * CelLimits#maxResultSize()}, and {@code join} to build one longer than that. They multiply: one
 * call of {@code s.replace('a', s)}, or {@code join} over a list that holds {@code s} many times,
 * squares the size of {@code s}, and the deadline, checked between nodes, cannot stop a single
 * call. Each check measures the result before the stock function builds it.
 */
final class BoundedStrings {
  private final int maxSize;

  private BoundedStrings(int maxSize) {
    this.maxSize = maxSize;
  }

  static List<CelFunctionBinding> bindings(int maxSize) {
    BoundedStrings bounded = new BoundedStrings(maxSize);
    StockBindings strings =
        new StockBindings(
            CelExtensions.strings(
                CelStringExtensions.Function.REPLACE, CelStringExtensions.Function.JOIN));
    StockBindings regex = new StockBindings(CelExtensions.regex());
    List<CelFunctionBinding> all = new ArrayList<>();
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "replace",
            strings.checked("string_replace_string_string", a -> bounded.replace(a, -1)),
            strings.checked(
                "string_replace_string_string_int", a -> bounded.replace(a, (Long) a[3]))));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "join",
            strings.checked("list_join", a -> bounded.join((List<?>) a[0], "")),
            strings.checked("list_join_string", a -> bounded.join((List<?>) a[0], (String) a[1]))));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "regex.replace",
            regex.checked(
                "regex_replaceAll_string_string_string", a -> bounded.regexReplace(a, -1)),
            regex.checked(
                "regex_replaceCount_string_string_string_int",
                a -> bounded.regexReplace(a, (Long) a[3]))));
    return all;
  }

  private void replace(Object[] args, long limit) throws CelEvaluationException {
    String text = (String) args[0];
    String search = (String) args[1];
    String replacement = (String) args[2];
    long growth = replacement.length() - search.length();
    if (growth <= 0 || limit == 0) {
      return;
    }
    // Most calls cannot come near the bound even if every position matched: skip the search.
    long matches = search.isEmpty() ? text.length() + 1L : text.length() / search.length();
    if (limit > 0) {
      matches = Math.min(matches, limit);
    }
    if (text.length() + matches * growth <= maxSize) {
      return;
    }
    if (text.length() + count(text, search, limit) * growth > maxSize) {
      throw tooLong("replace");
    }
  }

  // Non-overlapping, left to right, as the stock function replaces; an empty search string matches
  // before every code point and at the end.
  private static long count(String text, String search, long limit) {
    if (search.isEmpty()) {
      long all = text.codePointCount(0, text.length()) + 1L;
      return limit > 0 ? Math.min(all, limit) : all;
    }
    long count = 0;
    for (int at = text.indexOf(search); at >= 0 && count != limit; ) {
      count++;
      at = text.indexOf(search, at + search.length());
    }
    return count;
  }

  private void join(List<?> parts, String separator) throws CelEvaluationException {
    long size = (long) separator.length() * Math.max(0, parts.size() - 1);
    for (Object part : parts) {
      size += part instanceof String s ? s.length() : 0;
      if (size > maxSize) {
        throw tooLong("join");
      }
    }
  }

  /**
   * Runs the same matches as the stock function and adds up what each replacement would put in the
   * place of its match. An invalid pattern or replacement is left to the stock function to report.
   */
  private void regexReplace(Object[] args, long limit) throws CelEvaluationException {
    String target = (String) args[0];
    if (limit == 0) {
      return;
    }
    Matcher matcher;
    try {
      matcher = Pattern.compile((String) args[1]).matcher(target);
    } catch (PatternSyntaxException e) {
      return;
    }
    Replacement replacement = Replacement.parse((String) args[2], matcher.groupCount());
    if (replacement == null) {
      return;
    }
    long size = target.length();
    for (long count = 0; (limit < 0 || count < limit) && matcher.find(); count++) {
      size += replacement.length(matcher) - (matcher.end() - matcher.start());
    }
    if (size > maxSize && size > target.length()) {
      throw tooLong("regex.replace");
    }
  }

  /** A replacement in the stock syntax: \0 to \9 insert a group, \\ a backslash. */
  private record Replacement(int literalLength, List<Integer> groups) {
    /** Null for anything the stock function would refuse. */
    static Replacement parse(String replacement, int groupCount) {
      int literal = 0;
      List<Integer> groups = new ArrayList<>();
      for (int i = 0; i < replacement.length(); i++) {
        if (replacement.charAt(i) != '\\') {
          literal++;
          continue;
        }
        if (++i >= replacement.length()) {
          return null;
        }
        char next = replacement.charAt(i);
        if (next == '\\') {
          literal++;
        } else if (Character.isDigit(next) && Character.digit(next, 10) <= groupCount) {
          groups.add(Character.digit(next, 10));
        } else {
          return null;
        }
      }
      return new Replacement(literal, List.copyOf(groups));
    }

    long length(Matcher match) {
      long length = literalLength;
      for (int group : groups) {
        String value = match.group(group);
        length += value == null ? 0 : value.length();
      }
      return length;
    }
  }

  private CelEvaluationException tooLong(String function) {
    return new CelEvaluationException(
        function + " would produce more than " + maxSize + " characters");
  }
}
