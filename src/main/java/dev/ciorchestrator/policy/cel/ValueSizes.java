package dev.ciorchestrator.policy.cel;

import com.google.protobuf.ByteString;
import dev.cel.runtime.CelEvaluationException;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The estimated bytes of a value as it would be written out, shared parts counted each time they
 * are reached: a list holding one 1 MiB string 5,000 times is 5,000 MiB here although it takes 40
 * KiB. That is what comparing, hashing or joining it costs, so an evaluation whose built values are
 * bounded this way has every such operation bounded too. Sizes of larger collections are remembered
 * by identity, so measuring a value that holds a measured one again costs little.
 */
final class ValueSizes {
  static final long HEADER = 16;
  static final long REFERENCE = 8;
  private static final int REMEMBERED_FROM = 8;

  private final EvaluationBudget budget;
  private Map<Object, Long> known; // created on first use: most evaluations build no large lists

  ValueSizes(EvaluationBudget budget) {
    this.budget = budget;
  }

  long of(Object value) throws CelEvaluationException {
    if (value instanceof String s) {
      return HEADER + 2L * s.length();
    }
    if (value instanceof ByteString b) {
      return HEADER + b.size();
    }
    if (value instanceof Collection<?> c) {
      return remembered(c, c.size());
    }
    if (value instanceof Map<?, ?> m) {
      return remembered(m, 2 * m.size());
    }
    return HEADER;
  }

  private long remembered(Object value, int references) throws CelEvaluationException {
    if (references < REMEMBERED_FROM) {
      return measure(value, references);
    }
    if (known == null) {
      known = new IdentityHashMap<>();
    }
    Long size = known.get(value);
    if (size == null) {
      size = measure(value, references);
      known.put(value, size);
    }
    return size;
  }

  private long measure(Object value, int references) throws CelEvaluationException {
    budget.work(references);
    long size = HEADER + REFERENCE * references;
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        size = Math.addExact(size, Math.addExact(of(entry.getKey()), of(entry.getValue())));
      }
    } else {
      for (Object element : (Collection<?>) value) {
        size = Math.addExact(size, of(element));
      }
    }
    return size;
  }
}
