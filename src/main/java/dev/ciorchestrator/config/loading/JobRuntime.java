package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Entry;
import dev.ciorchestrator.config.loading.YamlNode.Kind;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.validation.Durations;
import dev.ciorchestrator.config.validation.Names;
import dev.ciorchestrator.config.validation.Quantities;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a job runs: {@code image}, {@code env}, {@code timeout}, {@code resources}. */
final class JobRuntime {
  private JobRuntime() {}

  /**
   * The API server refuses an image with leading or trailing whitespace (and a container engine
   * would not find it), so it is a load error here rather than every run's error.
   */
  static String image(Fields f) {
    Optional<Scalar> image = f.string("image");
    image
        .filter(s -> !s.value().equals(s.value().strip()))
        .ifPresent(
            s ->
                f.problems()
                    .add(
                        s.position(),
                        "image",
                        "image '" + s.value() + "' has leading or trailing whitespace"));
    return image.map(Scalar::value).orElse(null);
  }

  static Map<String, String> env(Fields f) {
    Map<String, String> env = new LinkedHashMap<>();
    Optional<YamlNode> node = f.value("env");
    if (node.isEmpty()) {
      return env;
    }
    if (!(node.get() instanceof YamlNode.Mapping m)) {
      f.problems()
          .add(node.get().position(), "env", "expected a mapping, got " + node.get().describe());
      return env;
    }
    for (Entry e : m.entries()) {
      String name = e.key().value();
      String field = f.path("env") + "." + name;
      Names.envVarProblem(name).ifPresent(msg -> f.problems().add(e.key().position(), field, msg));
      Values.string(e.value(), field, f.problems()).ifPresent(v -> env.put(name, v.value()));
    }
    return env;
  }

  static Duration timeout(Fields f) {
    Optional<YamlNode> node = f.value("timeout");
    if (node.isEmpty()) {
      return Job.DEFAULT_TIMEOUT;
    }
    if (!(node.get() instanceof Scalar text) || text.kind() != YamlNode.Kind.STRING) {
      f.problems()
          .add(
              node.get().position(),
              "timeout",
              "expected a duration like 20m or 1h30m, got " + node.get().describe());
      return Job.DEFAULT_TIMEOUT;
    }
    try {
      return Durations.parse(text.value());
    } catch (IllegalArgumentException e) {
      f.problems().add(text.position(), "timeout", e.getMessage());
      return Job.DEFAULT_TIMEOUT;
    }
  }

  static Job.Resources resources(Fields f) {
    if (f.value("resources").isEmpty()) {
      return Job.Resources.NONE;
    }
    Fields r = f.nested("resources", List.of("cpu", "memory"));
    return new Job.Resources(quantity(r, "cpu"), quantity(r, "memory"));
  }

  /** {@code cpu: 2} and {@code cpu: 0.5} are as valid as {@code cpu: "500m"}. */
  private static String quantity(Fields r, String what) {
    Optional<YamlNode> node = r.value(what);
    if (node.isEmpty()) {
      return "";
    }
    if (!(node.get() instanceof Scalar s)
        || !List.of(Kind.STRING, Kind.INTEGER, Kind.FLOAT).contains(s.kind())) {
      r.problems()
          .add(
              node.get().position(),
              r.path(what),
              "expected a quantity like 500m or 1Gi, got " + node.get().describe());
      return "";
    }
    Optional<String> problem = Quantities.problem(what, s.value());
    problem.ifPresent(msg -> r.problems().add(s.position(), r.path(what), msg));
    return problem.isPresent() ? "" : s.value();
  }
}
