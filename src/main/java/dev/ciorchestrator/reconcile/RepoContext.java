package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.PolicyType;
import dev.ciorchestrator.config.model.Repository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one configured repository brings to its changes: its jobs and policies, already filtered by
 * their {@code repos} globs. Built once per repository per plan, so a plan over many changes of the
 * same repository matches each {@code repos} glob once.
 *
 * @param elsewhere the config's other jobs, so {@code /test c-lint} on a Go repository can say
 *     where c-lint runs instead of only that it is unknown
 * @param pipelines some job of the repository {@code needs} another: only then do plans look at the
 *     graph at all
 * @param byName the repository's jobs by name, for the graph's lookups; empty without pipelines
 */
record RepoContext(
    Repository repository,
    List<CompiledJob> jobs,
    List<CompiledJob> elsewhere,
    List<CompiledPolicy> trustPolicies,
    List<CompiledPolicy> gatePolicies,
    boolean pipelines,
    Map<String, CompiledJob> byName) {

  static RepoContext of(
      Repository repository, List<CompiledJob> allJobs, List<CompiledPolicy> allPolicies) {
    String name = repository.name();
    List<CompiledJob> jobs = allJobs.stream().filter(j -> j.appliesTo(name)).toList();
    boolean pipelines = jobs.stream().anyMatch(j -> !j.needs().isEmpty());
    Map<String, CompiledJob> byName = new HashMap<>();
    if (pipelines) {
      jobs.forEach(j -> byName.putIfAbsent(j.name(), j));
    }
    return new RepoContext(
        repository,
        jobs,
        allJobs.stream().filter(j -> !j.appliesTo(name)).toList(),
        applicable(allPolicies, name, PolicyType.TRUST),
        applicable(allPolicies, name, PolicyType.GATE),
        pipelines,
        Map.copyOf(byName));
  }

  private static List<CompiledPolicy> applicable(
      List<CompiledPolicy> policies, String repo, PolicyType type) {
    return policies.stream().filter(p -> p.type() == type && p.appliesTo(repo)).toList();
  }

  String name() {
    return repository.name();
  }

  /** The job a {@code /test <requested>} command names, if any can be reached by a command. */
  Optional<CompiledJob> jobFor(String requested) {
    return jobs.stream()
        .filter(CompiledJob::testable)
        .filter(j -> j.answers(requested))
        .findFirst();
  }
}
