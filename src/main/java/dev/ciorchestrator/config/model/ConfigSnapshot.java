package dev.ciorchestrator.config.model;

import dev.ciorchestrator.domain.Glob;
import dev.ciorchestrator.policy.Expression;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, validated, compiled config revision: what runs until a newer revision loads
 * cleanly. Lists keep file order; names are unique within each kind.
 *
 * @param revision the commit SHA (or folder content hash) the snapshot was loaded from
 * @param expressions every CEL text of the revision ({@code when}, {@code match}, {@code rule},
 *     {@code message}) compiled, keyed by the exact text
 */
public record ConfigSnapshot(
    String revision,
    List<Repository> repositories,
    List<Job> jobs,
    List<Policy> policies,
    Map<String, Expression> expressions) {
  public ConfigSnapshot {
    Objects.requireNonNull(revision, "revision");
    repositories = List.copyOf(repositories);
    jobs = List.copyOf(jobs);
    policies = List.copyOf(policies);
    expressions = Map.copyOf(expressions);
  }

  public static ConfigSnapshot empty() {
    return new ConfigSnapshot("", List.of(), List.of(), List.of(), Map.of());
  }

  public Optional<Repository> repository(String name) {
    return repositories.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public Optional<Job> job(String name) {
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
  }

  /** The jobs whose {@code repos} globs match {@code repo} ({@code owner/name}), in file order. */
  public List<Job> jobsFor(String repo) {
    return jobs.stream()
        .filter(j -> j.repos().stream().anyMatch(g -> Glob.repositories(g).matches(repo)))
        .toList();
  }

  /** The compiled form of an expression text of this snapshot. */
  public Expression expression(String source) {
    Expression e = expressions.get(source);
    if (e == null) {
      throw new IllegalArgumentException("expression not compiled in this snapshot: " + source);
    }
    return e;
  }

  /** One line for logs and the CLI: {@code 2 repositories, 7 jobs, 5 policies}. */
  public String summary() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("repositories", repositories.size());
    counts.put("jobs", jobs.size());
    counts.put("policies", policies.size());
    StringBuilder out = new StringBuilder();
    counts.forEach(
        (what, n) -> out.append(out.isEmpty() ? "" : ", ").append(n).append(' ').append(what));
    return out.toString();
  }
}
