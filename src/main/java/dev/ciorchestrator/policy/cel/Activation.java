package dev.ciorchestrator.policy.cel;

import dev.cel.common.types.StructType;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.PolicyException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns {@link Bindings} into the values the planner runtime expects. CEL has one integer type
 * (int64) and the runtime rejects Java nulls, so we widen and refuse here, naming the offending
 * path, instead of failing deep inside an evaluation.
 */
final class Activation {
  /**
   * The last bindings this thread converted and what they became. A gate evaluates every policy's
   * match, rule and message on the same {@link Bindings} instance, and converting 50 jobs costs
   * more than most rules; bindings are immutable, so the same instance always converts the same.
   */
  private static final ThreadLocal<Converted> LAST = new ThreadLocal<>();

  private record Converted(Bindings bindings, Map<String, Object> activation) {}

  private Activation() {}

  static Map<String, Object> of(Bindings bindings) throws PolicyException {
    Converted last = LAST.get();
    if (last != null && last.bindings() == bindings) {
      return last.activation();
    }
    Map<String, Object> activation = convert(bindings);
    LAST.set(new Converted(bindings, activation));
    return activation;
  }

  private static Map<String, Object> convert(Bindings bindings) throws PolicyException {
    return Map.of(
        "change", struct(CelVariables.CHANGE, "change", bindings.change()),
        "jobs", jobs(bindings.jobs()),
        "repo", struct(CelVariables.REPO, "repo", bindings.repo()),
        "now", bindings.now());
  }

  // In name order: Bindings holds a Map.copyOf, whose order is unspecified and differs from one JVM
  // to the next, and jobs.map(...), join and messages built from them must not change on a restart.
  private static Map<String, Object> jobs(Map<String, Object> jobs) throws PolicyException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> job : new TreeMap<>(jobs).entrySet()) {
      String path = "jobs." + job.getKey();
      if (!(job.getValue() instanceof Map<?, ?> fields)) {
        throw new PolicyException("binding '" + path + "' must be a map, not " + job.getValue());
      }
      out.put(job.getKey(), job(path, fields));
    }
    return new JobsMap(CelVariables.JOBS, Collections.unmodifiableMap(out));
  }

  /** A job's {@code tests} and {@code findings} are structs of their own, where present. */
  private static MapStruct job(String path, Map<?, ?> fields) throws PolicyException {
    Map<String, Object> converted = new LinkedHashMap<>(convertMap(new Path(null, path), fields));
    nested(converted, "tests", CelVariables.TESTS, path);
    nested(converted, "findings", CelVariables.FINDINGS, path);
    return new MapStruct(CelVariables.JOB, Collections.unmodifiableMap(converted));
  }

  private static void nested(Map<String, Object> job, String key, StructType type, String path)
      throws PolicyException {
    Object value = job.get(key);
    if (value == null) {
      return;
    }
    if (!(value instanceof Map<?, ?> m)) {
      throw new PolicyException("binding '" + path + "." + key + "' must be a map, not " + value);
    }
    job.put(key, struct(type, path + "." + key, m));
  }

  private static MapStruct struct(StructType type, String path, Map<?, ?> fields)
      throws PolicyException {
    return new MapStruct(type, convertMap(new Path(null, path), fields));
  }

  /** Where a value sits, rendered only for an error: most evaluations convert thousands. */
  private record Path(Path parent, Object step) {
    @Override
    public String toString() {
      if (parent == null) {
        return String.valueOf(step);
      }
      return parent + (step instanceof Integer i ? "[" + i + "]" : "." + step);
    }
  }

  private static Object convert(Path path, Object value) throws PolicyException {
    if (value == null) {
      throw new PolicyException("binding '" + path + "' is null; CEL has no place for Java null");
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    // The planner accepts java.time.Instant for timestamp-typed values.
    if (value instanceof Instant) {
      return value;
    }
    if (value instanceof List<?> list) {
      return convertList(path, list);
    }
    if (value instanceof Map<?, ?> map) {
      return convertMap(path, map);
    }
    throw new PolicyException(
        "binding '" + path + "' has unsupported type " + value.getClass().getName());
  }

  private static List<Object> convertList(Path path, List<?> list) throws PolicyException {
    List<Object> out = new ArrayList<>(list.size());
    int i = 0;
    for (Object element : list) {
      out.add(convert(new Path(path, i++), element));
    }
    return Collections.unmodifiableList(out);
  }

  // Keeps the caller's order, so that iterating a map in CEL is as deterministic as the input.
  private static Map<String, Object> convertMap(Path path, Map<?, ?> map) throws PolicyException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new PolicyException("binding '" + path + "' has a non-string key: " + entry.getKey());
      }
      out.put(key, convert(new Path(path, key), entry.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }
}
