package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.JobQuality.Cache;
import dev.ciorchestrator.config.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A Job's {@code caches:} list: each entry names one folder kept between runs. */
final class CacheBinder {
  static final List<String> FIELDS = List.of("name", "path", "env", "key");

  /** Each cache is restored and saved around every run; a handful is what a job needs. */
  static final int MAX_CACHES = 8;

  private CacheBinder() {}

  static List<Cache> bind(Fields f, Map<String, String> jobEnv) {
    Optional<YamlNode> value = f.value("caches");
    if (value.isEmpty()) {
      return List.of();
    }
    String field = f.path("caches");
    if (!(value.get() instanceof YamlNode.Sequence seq)) {
      f.problems()
          .add(value.get().position(), field, "expected a list, got " + value.get().describe());
      return List.of();
    }
    if (seq.items().size() > MAX_CACHES) {
      f.problems()
          .add(
              seq.position(),
              field,
              "lists " + seq.items().size() + " caches, at most " + MAX_CACHES + " allowed");
    }
    Set<String> names = new HashSet<>();
    Set<String> targets = new HashSet<>();
    List<Cache> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      Fields entry = Fields.of(seq.items().get(i), Problems.index(field, i), f.problems(), FIELDS);
      int before = f.problems().count();
      String name = name(entry, names);
      String path = QualityBinder.workspacePath(entry, "path").map(Scalar::value).orElse("");
      String env = env(entry, jobEnv);
      where(entry, path, env, targets);
      List<String> key = QualityBinder.globs(entry, "key");
      if (f.problems().count() == before) {
        out.add(new Cache(name, path, env, key));
      }
    }
    return out;
  }

  private static String name(Fields entry, Set<String> seen) {
    Optional<Scalar> name = entry.requiredString("name");
    name.ifPresent(
        n -> {
          Names.jobOrPolicyProblem(n.value())
              .ifPresent(msg -> entry.problems().add(n.position(), entry.path("name"), msg));
          if (!seen.add(n.value())) {
            entry
                .problems()
                .add(n.position(), entry.path("name"), "duplicate cache name '" + n.value() + "'");
          }
        });
    return name.map(Scalar::value).orElse("");
  }

  private static String env(Fields entry, Map<String, String> jobEnv) {
    Optional<Scalar> env = entry.string("env");
    env.ifPresent(
        e -> {
          Optional<String> problem = Names.envVarProblem(e.value());
          if (problem.isEmpty() && jobEnv.containsKey(e.value())) {
            problem = Optional.of("'" + e.value() + "' is also set in the job's env");
          }
          problem.ifPresent(msg -> entry.problems().add(e.position(), entry.path("env"), msg));
        });
    return env.map(Scalar::value).orElse("");
  }

  /** Exactly one of path and env; no two caches in the same place. */
  private static void where(Fields entry, String path, String env, Set<String> targets) {
    boolean hasPath = entry.value("path").isPresent();
    boolean hasEnv = entry.value("env").isPresent();
    if (hasPath == hasEnv) {
      String message =
          hasPath
              ? "set either path or env, not both"
              : "missing 'path' (a folder in the workspace) or 'env' (a variable naming the"
                  + " cache folder)";
      entry.problems().add(entry.position(), entry.path(hasPath ? "env" : "path"), message);
      return;
    }
    String target = hasPath ? "path " + path : "env " + env;
    if (!target.endsWith(" ") && !targets.add(target)) {
      entry
          .problems()
          .add(
              entry.position(),
              entry.path(hasPath ? "path" : "env"),
              "another cache uses " + target);
    }
  }
}
