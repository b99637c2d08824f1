package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Glob;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.PolicyException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Does a job's pull-request trigger select one change: trigger, branch, paths, then {@code when} —
 * cheapest first, and the first "no" is the reason. Path filters and {@code when} results are
 * remembered per change, because many jobs share the same filters and conditions.
 */
final class DueCheck {
  private static final String YES = "";

  private final Change change;
  private final Supplier<Bindings> bindings;
  private final Map<PathFilter, String> pathVerdicts = new IdentityHashMap<>();
  private final Map<Expression, String> whenVerdicts = new IdentityHashMap<>();

  /** {@code bindings} for {@code when}; asked for only when a job has one. */
  DueCheck(Change change, Supplier<Bindings> bindings) {
    this.change = change;
    this.bindings = bindings;
  }

  /** A job's verdict for the change; {@code reason} is only meaningful when not due. */
  record Due(CompiledJob job, boolean due, String reason) {}

  Due check(CompiledJob job) {
    return notByBranch(job)
        .or(() -> notByPaths(job))
        .or(() -> notByWhen(job))
        .map(why -> new Due(job, false, why))
        .orElseGet(() -> new Due(job, true, "due"));
  }

  /** {@code /test all}: every job the branch selects, whatever files changed. */
  boolean dueByBranch(CompiledJob job) {
    return notByBranch(job).or(() -> notByWhen(job)).isEmpty();
  }

  private Optional<String> notByBranch(CompiledJob job) {
    if (!job.pullRequest()) {
      return Optional.of("no pullRequest trigger");
    }
    List<Glob> branches = job.branches();
    if (branches.isEmpty() || Globs.anyMatches(branches, change.baseRef())) {
      return Optional.empty();
    }
    return Optional.of("branch '" + change.baseRef() + "' not in " + branches);
  }

  private Optional<String> notByPaths(CompiledJob job) {
    String verdict =
        pathVerdicts.computeIfAbsent(job.paths(), f -> f.reject(change.files()).orElse(YES));
    return verdict.isEmpty() ? Optional.empty() : Optional.of(verdict);
  }

  private Optional<String> notByWhen(CompiledJob job) {
    if (job.when() == null) {
      return Optional.empty();
    }
    String verdict = whenVerdicts.computeIfAbsent(job.when(), this::evaluate);
    return verdict.isEmpty() ? Optional.empty() : Optional.of(verdict);
  }

  private String evaluate(Expression when) {
    try {
      return Boolean.TRUE.equals(when.evaluate(bindings.get()))
          ? YES
          : "when is false: " + when.source();
    } catch (PolicyException e) {
      return "when failed: " + e.getMessage();
    }
  }
}
