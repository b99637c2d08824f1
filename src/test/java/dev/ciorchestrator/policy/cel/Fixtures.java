package dev.ciorchestrator.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Bindings.JobView;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.ExpressionProblem;
import dev.ciorchestrator.policy.PolicyEngine;
import dev.ciorchestrator.policy.ResultType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A realistic change and helpers shared by the CEL tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private Fixtures() {}

  static Change change() {
    return new Change(
        "demo/hello-go",
        42,
        "Add retries",
        "carol",
        false,
        List.of("needs-review"),
        List.of("alice", "bob"),
        "main",
        "b".repeat(40),
        "feature/retries",
        "a".repeat(40),
        List.of("docs/retries.md", "cmd/main.go"),
        true,
        NOW.minusSeconds(3 * 3600),
        NOW.minusSeconds(600));
  }

  /** {@link #change()} with what a test varies: the title, author, base branch and files. */
  static Change change(String title, String author, String baseRef, List<String> files) {
    Change c = change();
    return new Change(
        c.repo(),
        c.number(),
        title,
        author,
        c.draft(),
        c.labels(),
        c.approvals(),
        baseRef,
        c.baseSha(),
        c.headRef(),
        c.headSha(),
        files,
        c.mergeable(),
        c.createdAt(),
        c.updatedAt());
  }

  static Map<String, JobView> jobs(int count, JobStatus status) {
    Map<String, JobView> jobs = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      jobs.put("job-" + i, new JobView(status, true));
    }
    return jobs;
  }

  static Bindings bindings(Change change, Map<String, JobView> jobs) {
    return Bindings.of(change, jobs, "demo/hello-go", "main", NOW);
  }

  static Bindings bindings() {
    return bindings(change(), jobs(3, JobStatus.SUCCESS));
  }

  static Expression compiled(PolicyEngine engine, String source, ResultType type) {
    Compilation compilation = engine.compile(source, type);
    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    return ((Compilation.Compiled) compilation).expression();
  }

  static List<ExpressionProblem> problems(PolicyEngine engine, String source, ResultType type) {
    Compilation compilation = engine.compile(source, type);
    assertThat(compilation).isInstanceOf(Compilation.Invalid.class);
    return ((Compilation.Invalid) compilation).problems();
  }
}
