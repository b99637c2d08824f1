package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Glob;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.PolicyException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Does a job's pull-request trigger select a change: trigger, branch, paths, then {@code when} —
 * cheapest first, and the first "no" is the reason. Path filters follow GitHub Actions: a change
 * with no known files is due; otherwise some changed file must match {@code paths} (when set) and
 * not match {@code pathsIgnore}.
 */
final class DueCheck {
  private DueCheck() {}

  /** A job's verdict for one change; {@code reason} is only meaningful when not due. */
  record Due(CompiledJob job, boolean due, String reason) {}

  static Due check(CompiledJob job, Change change, Supplier<Bindings> bindings) {
    return notByBranch(job, change)
        .or(() -> notByPaths(job, change.files()))
        .or(() -> notByWhen(job, bindings))
        .map(why -> new Due(job, false, why))
        .orElseGet(() -> new Due(job, true, "due"));
  }

  /** {@code /test all}: every job the branch selects, whatever files changed. */
  static boolean dueByBranch(CompiledJob job, Change change, Supplier<Bindings> bindings) {
    return notByBranch(job, change).or(() -> notByWhen(job, bindings)).isEmpty();
  }

  private static Optional<String> notByBranch(CompiledJob job, Change change) {
    if (!job.pullRequest()) {
      return Optional.of("no pullRequest trigger");
    }
    List<Glob> branches = job.branches();
    if (branches.isEmpty() || Globs.anyMatches(branches, change.baseRef())) {
      return Optional.empty();
    }
    return Optional.of("branch '" + change.baseRef() + "' not in " + branches);
  }

  private static Optional<String> notByPaths(CompiledJob job, List<String> files) {
    if (files.isEmpty() || (job.paths().isEmpty() && job.pathsIgnore().isEmpty())) {
      return Optional.empty();
    }
    boolean anyPath = false;
    for (String file : files) {
      if (job.paths().isEmpty() || Globs.anyMatches(job.paths(), file)) {
        anyPath = true;
        if (!Globs.anyMatches(job.pathsIgnore(), file)) {
          return Optional.empty();
        }
      }
    }
    if (!anyPath) {
      return Optional.of("paths did not match any changed file");
    }
    return Optional.of(
        job.paths().isEmpty()
            ? "every changed file matches pathsIgnore"
            : "every changed file matching paths also matches pathsIgnore");
  }

  private static Optional<String> notByWhen(CompiledJob job, Supplier<Bindings> bindings) {
    if (job.when() == null) {
      return Optional.empty();
    }
    try {
      Object value = job.when().evaluate(bindings.get());
      return Boolean.TRUE.equals(value)
          ? Optional.empty()
          : Optional.of("when is false: " + job.when().source());
    } catch (PolicyException e) {
      return Optional.of("when failed: " + e.getMessage());
    }
  }
}
