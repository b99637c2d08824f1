package dev.ciorchestrator.policy.cel;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelOptions;
import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code sets.contains}, {@code sets.equivalent} and {@code sets.intersects} compare every element
 * of one list with every element of the other, so one call on two lists of 10,000 elements makes
 * 100 million comparisons. They count those comparisons against the iteration budget, like the
 * comprehension {@code b.all(y, a.exists(x, x == y))} they stand for, and compare one element of
 * {@code b} at a time, charging the {@link EvaluationBudget}, so that comparing large elements ends
 * at the deadline too. Lists of strings, the usual case ({@code change.files}, {@code
 * change.labels}), are compared through a hash set instead and need no budget. {@code distinct}
 * does the same: strings and integers through a hash set, anything else element by element.
 *
 * <p>{@code flatten} refuses to go through more than {@link CelLimits#maxResultSize()} elements:
 * {@code lists.range(5000).map(i, l).flatten()} repeats {@code l} 5,000 times in one call, and
 * nesting such lists multiplies again.
 */
final class BoundedCollections {
  private final CelLimits limits;
  private final CelFunctionBinding contains; // the stock sets.contains: CEL equality, as it is

  private BoundedCollections(CelLimits limits, CelFunctionBinding contains) {
    this.limits = limits;
    this.contains = contains;
  }

  static List<CelFunctionBinding> bindings(CelLimits limits, CelOptions options) {
    StockBindings sets = new StockBindings(CelExtensions.sets(options));
    BoundedCollections bounded =
        new BoundedCollections(limits, sets.stock("list_sets_contains_list"));
    List<CelFunctionBinding> all = new ArrayList<>();
    all.addAll(bounded.set("sets.contains", "list_sets_contains_list", 1));
    all.addAll(bounded.set("sets.equivalent", "list_sets_equivalent_list", 2));
    all.addAll(bounded.set("sets.intersects", "list_sets_intersects_list", 1));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "distinct",
            CelFunctionBinding.from("list_distinct", Collection.class, bounded::distinct)));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "flatten",
            CelFunctionBinding.from(
                "list_flatten", Collection.class, list -> bounded.flatten(list, 1)),
            CelFunctionBinding.from(
                "list_flatten_list_int", Collection.class, Long.class, bounded::flatten)));
    return all;
  }

  /**
   * @param passes how many times the stock function compares the two lists element by element
   */
  private Set<CelFunctionBinding> set(String function, String overloadId, int passes) {
    return CelFunctionBinding.fromOverloads(
        function,
        CelFunctionBinding.from(
            overloadId,
            contains.getArgTypes(),
            args -> {
              Collection<?> a = (Collection<?>) args[0];
              Collection<?> b = (Collection<?>) args[1];
              if (onlyStrings(a) && onlyStrings(b)) {
                return ofStrings(function, a, b);
              }
              long comparisons = (long) passes * a.size() * b.size();
              if (comparisons > limits.maxIterations()) {
                throw new CelInvalidArgumentException(
                    "%s would compare up to %d pairs of elements, more than the %d-iteration budget"
                        .formatted(function, comparisons, limits.maxIterations()));
              }
              return pairwise(function, a, b, EvaluationBudget.current());
            }));
  }

  private boolean pairwise(
      String function, Collection<?> a, Collection<?> b, EvaluationBudget budget)
      throws CelEvaluationException {
    return switch (function) {
      case "sets.contains" -> containsAll(a, b, budget);
      case "sets.equivalent" -> containsAll(a, b, budget) && containsAll(b, a, budget);
      case "sets.intersects" -> !noneIn(a, b, budget);
      default -> throw new IllegalArgumentException(function);
    };
  }

  private boolean containsAll(Collection<?> a, Collection<?> b, EvaluationBudget budget)
      throws CelEvaluationException {
    for (Object element : b) {
      if (!contains(a, element, budget)) {
        return false;
      }
    }
    return true;
  }

  private boolean noneIn(Collection<?> a, Collection<?> b, EvaluationBudget budget)
      throws CelEvaluationException {
    for (Object element : b) {
      if (contains(a, element, budget)) {
        return false;
      }
    }
    return true;
  }

  // Comparing one element with all of a costs at most what a takes to go through.
  private boolean contains(Collection<?> a, Object element, EvaluationBudget budget)
      throws CelEvaluationException {
    budget.work(budget.sizeOf(a));
    return (Boolean) contains.getDefinition().apply(new Object[] {a, List.of(element)});
  }

  /** The first of equal elements, in order; strings and integers by hash, others one by one. */
  private List<Object> distinct(Collection<?> list) throws CelEvaluationException {
    EvaluationBudget budget = EvaluationBudget.current();
    budget.work(list.size());
    if (onlyStrings(list) || onlyIntegers(list)) {
      // Both are Comparable: a HashSet keeps even a list of colliding hashes in n log n.
      return ImmutableList.copyOf(new LinkedHashSet<>(list));
    }
    List<Object> kept = new ArrayList<>();
    for (Object element : list) {
      budget.work((long) kept.size() * (1 + budget.sizeOf(element)));
      if (!(Boolean) contains.getDefinition().apply(new Object[] {kept, List.of(element)})) {
        kept.add(element);
      }
    }
    return ImmutableList.copyOf(kept);
  }

  private static boolean onlyIntegers(Collection<?> list) {
    for (Object element : list) {
      if (!(element instanceof Long)) {
        return false;
      }
    }
    return true;
  }

  private static boolean onlyStrings(Collection<?> list) {
    for (Object element : list) {
      if (!(element instanceof String)) {
        return false;
      }
    }
    return true;
  }

  // For strings CEL equality is Java equality, so a hash set gives the stock answer.
  private static boolean ofStrings(String function, Collection<?> a, Collection<?> b) {
    Set<?> inA = new HashSet<>(a);
    return switch (function) {
      case "sets.contains" -> inA.containsAll(b);
      case "sets.equivalent" -> inA.containsAll(b) && new HashSet<>(b).containsAll(a);
      case "sets.intersects" -> b.stream().anyMatch(inA::contains);
      default -> throw new IllegalArgumentException(function);
    };
  }

  /** The stock {@code flatten}, which we cannot wrap, with its result measured first. */
  private List<Object> flatten(Collection<?> list, long depth) throws CelEvaluationException {
    if (depth < 0) {
      // The stock message; not the stock IllegalArgumentException, whose report quotes every
      // argument whole, however large the list.
      throw new CelInvalidArgumentException("Level must be non-negative");
    }
    long elements = elements(list, depth, 0);
    if (elements > limits.maxResultSize()) {
      throw new CelInvalidArgumentException(
          "flatten would go through more than " + limits.maxResultSize() + " elements");
    }
    EvaluationBudget.current().allocate(ValueSizes.HEADER + ValueSizes.REFERENCE * elements);
    ImmutableList.Builder<Object> out = ImmutableList.builder();
    addFlattened(list, depth, out);
    return out.build();
  }

  /**
   * Counts sublists as well as what ends up in the result, since nested empty lists cost time too,
   * and stops just past the bound: lists that share sublists can be exponentially larger than the
   * memory they take.
   */
  private long elements(Collection<?> list, long depth, long countedSoFar) {
    long count = countedSoFar;
    for (Object element : list) {
      count++;
      if (element instanceof Collection<?> inner && depth > 0) {
        count = elements(inner, depth - 1, count);
      }
      if (count > limits.maxResultSize()) {
        return count;
      }
    }
    return count;
  }

  private static void addFlattened(
      Collection<?> list, long depth, ImmutableList.Builder<Object> out) {
    for (Object element : list) {
      if (element instanceof Collection<?> inner && depth > 0) {
        addFlattened(inner, depth - 1, out);
      } else {
        out.add(element);
      }
    }
  }
}
