package dev.ciorchestrator.config.diff;

import dev.ciorchestrator.config.model.SourcePosition;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A config record as a flat map of field paths to text, walked through its record components, so a
 * field another engineer adds to {@code Job} tomorrow is diffed without this class knowing it.
 * Where the record's name differs from the YAML key ({@code autoMerge} is {@code merge.auto}),
 * {@link #ALIASES} says the YAML one. Where a document is written ({@link SourcePosition}) is not
 * part of what it means, and is left out.
 */
final class RecordFields {
  static final String ABSENT = "(none)";

  /** Record component names that are not the YAML path people write. */
  private static final Map<String, String> ALIASES =
      Map.of(
          "autoMerge", "merge.auto",
          "mergeMethod", "merge.method",
          "mergeQueue", "merge.queue",
          "trustedUsers", "trust.users",
          "dismissApprovalsOnPush", "approvals.dismissOnPush");

  private RecordFields() {}

  static Map<String, String> of(Record record) {
    Map<String, String> out = new LinkedHashMap<>();
    components(record, "", out);
    return out;
  }

  private static void components(Record record, String path, Map<String, String> out) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getType() == SourcePosition.class) {
        continue;
      }
      String name = path.isEmpty() ? ALIASES.getOrDefault(c.getName(), c.getName()) : c.getName();
      value(join(path, name), read(c, record), out);
    }
  }

  private static void value(String path, Object value, Map<String, String> out) {
    if (value instanceof Record r && !(value instanceof SourcePosition)) {
      components(r, path, out);
    } else if (value instanceof Map<?, ?> map) {
      // an empty map has no fields: adding the first entry reads "env.X: (none) → x"
      new TreeMap<>(stringKeys(map)).forEach((k, v) -> value(join(path, k), v, out));
    } else if (value instanceof Collection<?> items
        && !items.stream().allMatch(RecordFields::scalar)) {
      List<?> list = List.copyOf(items);
      for (int i = 0; i < list.size(); i++) {
        value(path + "[" + i + "]", list.get(i), out);
      }
    } else if (!(value instanceof SourcePosition)) {
      out.put(path, text(value));
    }
  }

  /** How a leaf value reads: lists in brackets, durations as written, enums by their wire name. */
  static String text(Object value) {
    if (value == null) {
      return ABSENT;
    }
    if (value instanceof Collection<?> items) {
      List<String> texts = items.stream().map(RecordFields::text).toList();
      return "[" + String.join(", ", value instanceof java.util.Set ? sorted(texts) : texts) + "]";
    }
    if (value instanceof Duration d) {
      return duration(d);
    }
    if (value instanceof Enum<?> e) {
      return wire(e);
    }
    return String.valueOf(value);
  }

  private static boolean scalar(Object value) {
    return !(value instanceof Record) && !(value instanceof Map) && !(value instanceof Collection);
  }

  private static List<String> sorted(List<String> texts) {
    return texts.stream().sorted().toList();
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static String wire(Enum<?> e) {
    try {
      Method wire = e.getClass().getMethod("wire");
      return String.valueOf(wire.invoke(e));
    } catch (ReflectiveOperationException | RuntimeException ex) {
      return e.name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code 1h30m}, {@code 20m}, {@code 45s}, {@code 500ms}: the Go form people write. */
  static String duration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long hours = d.toHours();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    int millis = d.toMillisPart();
    out.append(hours > 0 ? hours + "h" : "");
    out.append(minutes > 0 ? minutes + "m" : "");
    out.append(seconds > 0 ? seconds + "s" : "");
    out.append(millis > 0 ? millis + "ms" : "");
    return out.isEmpty() ? d.toNanos() + "ns" : out.toString();
  }

  private static Object read(RecordComponent c, Record record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + record, e);
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
