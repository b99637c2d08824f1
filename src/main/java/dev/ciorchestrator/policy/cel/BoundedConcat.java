package dev.ciorchestrator.policy.cel;

import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.common.values.CelByteString;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.ConcatenatedListView;
import dev.cel.runtime.RuntimeHelpers;
import java.util.ArrayList;
import java.util.List;

/**
 * What joins values into a longer one: {@code +} on strings, bytes and lists, and {@code join}.
 * Each refuses a result longer than {@link CelLimits#maxResultSize()} characters, bytes or
 * elements: {@code s + s + s + …} or {@code join} over a list that holds {@code s} many times
 * multiplies the size of {@code s} in one call, which the deadline, checked between nodes, cannot
 * stop. A list built by {@code +} is also counted against the allocation budget, except the
 * accumulator a comprehension such as {@code map} builds, whose elements were counted as they were
 * made.
 */
final class BoundedConcat {
  private final int maxSize;

  private BoundedConcat(int maxSize) {
    this.maxSize = maxSize;
  }

  static List<CelFunctionBinding> bindings(int maxSize) {
    BoundedConcat bounded = new BoundedConcat(maxSize);
    StockBindings strings =
        new StockBindings(CelExtensions.strings(CelStringExtensions.Function.JOIN));
    List<CelFunctionBinding> all = new ArrayList<>();
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "_+_",
            CelFunctionBinding.from("add_string", String.class, String.class, bounded::strings),
            CelFunctionBinding.from(
                "add_bytes", CelByteString.class, CelByteString.class, bounded::bytes),
            CelFunctionBinding.from("add_list", List.class, List.class, bounded::lists)));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "join",
            strings.checked("list_join", a -> bounded.join((List<?>) a[0], "")),
            strings.checked("list_join_string", a -> bounded.join((List<?>) a[0], (String) a[1]))));
    return all;
  }

  private String strings(String a, String b) throws CelEvaluationException {
    requireWithinBound((long) a.length() + b.length(), "+", "characters");
    return a + b;
  }

  private CelByteString bytes(CelByteString a, CelByteString b) throws CelEvaluationException {
    requireWithinBound((long) a.size() + b.size(), "+", "bytes");
    return a.concat(b);
  }

  private List<Object> lists(List<Object> a, List<Object> b) throws CelEvaluationException {
    if (!(a instanceof ConcatenatedListView)) {
      requireWithinBound((long) a.size() + b.size(), "+", "elements");
      EvaluationBudget budget = EvaluationBudget.current();
      budget.allocate(budget.sizeOf(a) + budget.sizeOf(b));
    }
    return RuntimeHelpers.concat(a, b);
  }

  private void join(List<?> parts, String separator) throws CelEvaluationException {
    long size = (long) separator.length() * Math.max(0, parts.size() - 1);
    for (Object part : parts) {
      size += part instanceof String s ? s.length() : 0;
      if (size > maxSize) {
        throw tooLong("join", "characters");
      }
    }
  }

  private void requireWithinBound(long size, String function, String units)
      throws CelEvaluationException {
    if (size > maxSize) {
      throw tooLong(function, units);
    }
  }

  private CelInvalidArgumentException tooLong(String function, String units) {
    return new CelInvalidArgumentException(
        function + " would produce more than " + maxSize + " " + units);
  }
}
