package dev.ciorchestrator.policy.cel;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelOptions;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code sets.contains}, {@code sets.equivalent} and {@code sets.intersects} compare every element
 * of one list with every element of the other, so one call on two lists of 10,000 elements makes
 * 100 million comparisons that no deadline can interrupt. They count those comparisons against the
 * iteration budget, like the comprehension {@code b.all(y, a.exists(x, x == y))} they stand for.
 * Lists of strings, the usual case ({@code change.files}, {@code change.labels}), are compared
 * through a hash set instead and need no budget.
 *
 * <p>{@code flatten} refuses to go through more than {@link CelLimits#maxResultSize()} elements:
 * {@code lists.range(5000).map(i, l).flatten()} repeats {@code l} 5,000 times in one call, and
 * nesting such lists multiplies again.
 */
final class BoundedCollections {
  private final CelLimits limits;

  private BoundedCollections(CelLimits limits) {
    this.limits = limits;
  }

  static List<CelFunctionBinding> bindings(CelLimits limits, CelOptions options) {
    BoundedCollections bounded = new BoundedCollections(limits);
    StockBindings sets = new StockBindings(CelExtensions.sets(options));
    List<CelFunctionBinding> all = new ArrayList<>();
    all.addAll(bounded.set(sets, "sets.contains", "list_sets_contains_list", 1));
    all.addAll(bounded.set(sets, "sets.equivalent", "list_sets_equivalent_list", 2));
    all.addAll(bounded.set(sets, "sets.intersects", "list_sets_intersects_list", 1));
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
  private Set<CelFunctionBinding> set(
      StockBindings sets, String function, String overloadId, int passes) {
    CelFunctionBinding stock = sets.stock(overloadId);
    return CelFunctionBinding.fromOverloads(
        function,
        CelFunctionBinding.from(
            overloadId,
            stock.getArgTypes(),
            args -> {
              Collection<?> a = (Collection<?>) args[0];
              Collection<?> b = (Collection<?>) args[1];
              if (onlyStrings(a) && onlyStrings(b)) {
                return ofStrings(function, a, b);
              }
              long comparisons = (long) passes * a.size() * b.size();
              if (comparisons > limits.maxIterations()) {
                throw new CelEvaluationException(
                    "%s would compare up to %d pairs of elements, more than the %d-iteration budget"
                        .formatted(function, comparisons, limits.maxIterations()));
              }
              return stock.getDefinition().apply(args);
            }));
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
      // The stock message and exception, which the runtime reports as a failed call.
      throw new IllegalArgumentException("Level must be non-negative");
    }
    if (elements(list, depth, 0) > limits.maxResultSize()) {
      throw new CelEvaluationException(
          "flatten would go through more than " + limits.maxResultSize() + " elements");
    }
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
