package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Entry;
import dev.ciorchestrator.config.loading.YamlNode.Kind;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.validation.Timestamps;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy test's {@code input}, checked against the CEL variables and converted to the Java types
 * {@link Bindings} holds ({@code Long}, {@code Instant}, ...), so a test runner can lay it over the
 * defaults as is. {@code jobs} entries are complete ({@code required} defaults to false).
 */
final class TestInput {
  private static final List<String> FIELDS = List.of("change", "jobs", "repo", "now");
  private static final Map<String, Object> CHANGE = Bindings.changeDefaults();
  private static final List<String> STATUSES =
      Arrays.stream(JobStatus.values()).map(JobStatus::wire).toList();

  private TestInput() {}

  static Map<String, Object> bind(YamlNode node, String path, Problems problems) {
    Fields input = Fields.of(node, path, problems, FIELDS);
    Map<String, Object> out = new LinkedHashMap<>();
    input
        .value("change")
        .ifPresent(v -> out.put("change", change(v, input.path("change"), problems)));
    input.value("jobs").ifPresent(v -> out.put("jobs", jobs(v, input.path("jobs"), problems)));
    input.value("repo").ifPresent(v -> out.put("repo", repo(input, problems)));
    input
        .value("now")
        .flatMap(v -> timestamp(v, input.path("now"), problems))
        .ifPresent(now -> out.put("now", now));
    return out;
  }

  private static Map<String, Object> change(YamlNode node, String path, Problems problems) {
    Fields change = Fields.of(node, path, problems, List.copyOf(CHANGE.keySet()));
    Map<String, Object> out = new LinkedHashMap<>();
    for (String field : CHANGE.keySet()) {
      change
          .value(field)
          .flatMap(v -> like(CHANGE.get(field), v, change.path(field), problems))
          .ifPresent(v -> out.put(field, v));
    }
    return out;
  }

  /** A value of the same type as the field's default in {@link Bindings#changeDefaults()}. */
  private static Optional<Object> like(
      Object example, YamlNode node, String field, Problems problems) {
    if (example instanceof Long) {
      return Values.integer(node, field, problems).map(Object.class::cast);
    }
    if (example instanceof Boolean) {
      return Values.bool(node, field, problems).map(Object.class::cast);
    }
    if (example instanceof List) {
      return Optional.of(
          Values.strings(node, field, problems).stream().map(Values.IndexedScalar::value).toList());
    }
    if (example instanceof Instant) {
      return timestamp(node, field, problems).map(Object.class::cast);
    }
    return Values.string(node, field, problems).map(Scalar::value);
  }

  private static Map<String, Object> jobs(YamlNode node, String path, Problems problems) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!(node instanceof YamlNode.Mapping m)) {
      problems.add(
          node.position(),
          path,
          "expected a mapping of job name to {status, required}, got " + node.describe());
      return out;
    }
    for (Entry e : m.entries()) {
      Fields job =
          Fields.of(
              e.value(),
              Problems.join(path, e.key().value()),
              problems,
              List.of("status", "required", "tier", "tests", "findings"));
      Optional<String> status =
          job.required("status")
              .flatMap(v -> Values.choice(v, job.path("status"), STATUSES, problems));
      boolean required = job.bool("required").orElse(false);
      String tier = job.choice("tier", JobQuality.Tier.wires()).orElse("");
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("required", required);
      entry.put("tier", tier);
      counts(job, "tests", List.of("passed", "failed", "skipped"), entry);
      counts(job, "findings", List.of("error", "warning", "note"), entry);
      status.ifPresent(
          s -> {
            entry.put("status", s);
            out.put(e.key().value(), entry);
          });
    }
    return out;
  }

  /** {@code tests: {failed: 1}}: the counts not written are 0; absent stays absent. */
  private static void counts(
      Fields job, String key, List<String> names, Map<String, Object> entry) {
    if (job.value(key).isEmpty()) {
      return;
    }
    Fields counts = job.nested(key, names);
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : names) {
      values.put(
          name,
          CommonFields.boundedInt(counts, name, 0, Integer.MAX_VALUE, 0, "must be 0 or more"));
    }
    entry.put(key, values);
  }

  private static Map<String, Object> repo(Fields input, Problems problems) {
    Fields repo = input.nested("repo", List.of("name", "defaultBranch"));
    Map<String, Object> out = new LinkedHashMap<>();
    repo.string("name").ifPresent(n -> out.put("name", n.value()));
    repo.string("defaultBranch").ifPresent(b -> out.put("defaultBranch", b.value()));
    return out;
  }

  /** Unquoted RFC 3339 times are YAML timestamps, quoted ones strings; both are fine. */
  private static Optional<Instant> timestamp(YamlNode node, String field, Problems problems) {
    if (!(node instanceof Scalar s) || !List.of(Kind.STRING, Kind.TIMESTAMP).contains(s.kind())) {
      problems.add(
          node.position(),
          field,
          "expected an RFC 3339 timestamp like 2024-05-01T12:00:00Z, got " + node.describe());
      return Optional.empty();
    }
    try {
      return Optional.of(Timestamps.parse(s.value()));
    } catch (IllegalArgumentException e) {
      problems.add(s.position(), field, e.getMessage());
      return Optional.empty();
    }
  }
}
