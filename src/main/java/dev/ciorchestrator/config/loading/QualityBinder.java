package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.Values.IndexedScalar;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.JobQuality.Reports;
import dev.ciorchestrator.config.model.JobQuality.Tier;
import dev.ciorchestrator.config.validation.Globs;
import dev.ciorchestrator.config.validation.WorkspacePaths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Job's {@code tier}, {@code reports} and {@code caches} (see {@link JobQuality}). */
final class QualityBinder {
  static final List<String> FIELDS = List.of("tier", "reports", "caches");
  static final List<String> REPORT_FIELDS = List.of("junit", "sarif");

  /** Each glob is matched against a whole workspace after the run; keep that walk short. */
  static final int MAX_GLOBS = 20;

  private QualityBinder() {}

  /**
   * @param env the job's own {@code env}: a cache's {@code env} may not fight it
   */
  static JobQuality bind(Fields f, Map<String, String> env) {
    Tier tier = f.choice("tier", Tier.wires()).flatMap(Tier::ofWire).orElse(null);
    return new JobQuality(tier, reports(f), CacheBinder.bind(f, env));
  }

  private static Reports reports(Fields f) {
    if (f.value("reports").isEmpty()) {
      return Reports.NONE;
    }
    Fields r = f.nested("reports", REPORT_FIELDS);
    return new Reports(globs(r, "junit"), globs(r, "sarif"));
  }

  /** Workspace globs: valid, relative, inside the workspace, at most {@link #MAX_GLOBS}. */
  static List<String> globs(Fields f, String key) {
    List<IndexedScalar> globs = f.strings(key);
    if (globs.size() > MAX_GLOBS) {
      YamlNode node = f.value(key).orElseThrow();
      f.problems()
          .add(
              node.position(),
              f.path(key),
              "lists " + globs.size() + " globs, at most " + MAX_GLOBS + " allowed");
    }
    for (IndexedScalar g : globs) {
      Optional<String> problem =
          WorkspacePaths.problem(g.value()).or(() -> Globs.problem(g.value()));
      problem.ifPresent(msg -> f.problems().add(g.scalar().position(), g.field(), msg));
    }
    return globs.stream().map(IndexedScalar::value).toList();
  }

  static Optional<Scalar> workspacePath(Fields f, String key) {
    Optional<Scalar> path = f.string(key);
    path.flatMap(p -> WorkspacePaths.problem(p.value()))
        .ifPresent(msg -> f.problems().add(path.get().position(), f.path(key), msg));
    return path;
  }
}
