package dev.ciorchestrator.config.diff;

import dev.ciorchestrator.config.diff.ConfigDiff.Entry;
import dev.ciorchestrator.config.diff.ConfigDiff.Field;
import dev.ciorchestrator.config.diff.ConfigDiff.Kind;
import dev.ciorchestrator.config.diff.ConfigDiff.Op;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.Repository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Computes the {@link ConfigDiff} of two loaded snapshots: documents are matched by kind and name,
 * and compared field by field on their loaded form, so defaults count and layout does not. Pure and
 * deterministic.
 */
public final class ConfigDiffer {
  private ConfigDiffer() {}

  public static ConfigDiff diff(ConfigSnapshot before, ConfigSnapshot after) {
    List<Entry> entries = new ArrayList<>();
    entries.addAll(
        compare(
            Kind.REPOSITORY,
            named(before.repositories(), Repository::name),
            named(after.repositories(), Repository::name)));
    entries.addAll(
        compare(Kind.JOB, named(before.jobs(), Job::name), named(after.jobs(), Job::name)));
    entries.addAll(
        compare(
            Kind.POLICY,
            named(before.policies(), Policy::name),
            named(after.policies(), Policy::name)));
    return new ConfigDiff(entries);
  }

  private static <T extends Record> List<Entry> compare(
      Kind kind, Map<String, T> before, Map<String, T> after) {
    Set<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    List<Entry> out = new ArrayList<>();
    for (String name : names) {
      T b = before.get(name);
      T a = after.get(name);
      if (b == null) {
        out.add(new Entry(kind, name, Op.ADDED, fields(Map.of(), RecordFields.of(a))));
      } else if (a == null) {
        out.add(new Entry(kind, name, Op.REMOVED, fields(RecordFields.of(b), Map.of())));
      } else if (!b.equals(a)) { // equal records are the common case and cost no walk
        List<Field> changed = fields(RecordFields.of(b), RecordFields.of(a));
        if (!changed.isEmpty()) {
          out.add(new Entry(kind, name, Op.CHANGED, changed));
        }
      }
    }
    return out;
  }

  /** Whether two documents say the same, wherever each is written. */
  public static boolean sameMeaning(Record a, Record b) {
    return a.getClass() == b.getClass() && RecordFields.of(a).equals(RecordFields.of(b));
  }

  /**
   * Whether two documents say the same but for the fields whose path (as the diff names them:
   * {@code run}, {@code env.GOFLAGS}, {@code pipeline.artifacts.paths}) {@code ignored} accepts.
   */
  public static boolean sameMeaningExcept(Record a, Record b, Predicate<String> ignored) {
    if (a.getClass() != b.getClass()) {
      return false;
    }
    Map<String, String> fa = new LinkedHashMap<>(RecordFields.of(a));
    Map<String, String> fb = new LinkedHashMap<>(RecordFields.of(b));
    fa.keySet().removeIf(ignored);
    fb.keySet().removeIf(ignored);
    return fa.equals(fb);
  }

  /** The fields whose text differs, in the order the newer document lists them. */
  static List<Field> fields(Map<String, String> before, Map<String, String> after) {
    Set<String> paths = new LinkedHashSet<>(after.keySet());
    paths.addAll(before.keySet());
    List<Field> out = new ArrayList<>();
    for (String path : paths) {
      String b = before.get(path);
      String a = after.get(path);
      if (b == null || a == null || !b.equals(a)) {
        out.add(
            new Field(
                path,
                b == null ? (before.isEmpty() ? "" : RecordFields.ABSENT) : b,
                a == null ? (after.isEmpty() ? "" : RecordFields.ABSENT) : a));
      }
    }
    return out;
  }

  private static <T> Map<String, T> named(List<T> items, Function<T, String> name) {
    Map<String, T> out = new LinkedHashMap<>();
    items.forEach(i -> out.putIfAbsent(name.apply(i), i));
    return out;
  }
}
