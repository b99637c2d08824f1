package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The snapshot compiled for one plan: each job, policy and repository context built once. */
final class RepoContexts {
  private final Map<String, Repository> repositories = new HashMap<>();
  private final List<CompiledJob> jobs;
  private final List<CompiledPolicy> policies;
  // Concurrent: a plan's changes may be planned on several threads.
  private final Map<String, RepoContext> contexts = new ConcurrentHashMap<>();

  RepoContexts(
      ConfigSnapshot snapshot,
      PolicyObserver observer,
      PolicyMemo memo,
      ExpressionMemo expressions) {
    Globs globs = new Globs();
    snapshot.repositories().forEach(r -> repositories.putIfAbsent(r.name(), r));
    jobs =
        snapshot.jobs().stream().map(j -> CompiledJob.of(j, globs, snapshot, expressions)).toList();
    policies =
        snapshot.policies().stream()
            .map(p -> CompiledPolicy.of(p, globs, snapshot, observer, memo, expressions))
            .toList();
  }

  /** Empty when the repository is not configured: its changes start nothing. */
  Optional<RepoContext> get(String repo) {
    Repository repository = repositories.get(repo);
    if (repository == null) {
      return Optional.empty();
    }
    return Optional.of(
        contexts.computeIfAbsent(repo, n -> RepoContext.of(repository, jobs, policies)));
  }
}
