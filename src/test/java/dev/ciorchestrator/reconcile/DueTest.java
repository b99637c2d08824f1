package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.reconcile.Fixture.ChangeBuilder;
import dev.ciorchestrator.reconcile.Fixture.JobSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which jobs are due for a trusted change: triggers, branches, paths, pathsIgnore, when. */
class DueTest {
  private static final String DUE = "starting attempt 1";

  static Stream<Arguments> rows() {
    return Stream.of(
        row("no filters", job("go-test"), change(), DUE),
        row("branch matches", job("go-test").branches("main"), change(), DUE),
        row("branch glob", job("go-test").branches("release-*"), change().base("release-1.2"), DUE),
        row(
            "branch differs",
            job("go-test").branches("main"),
            change().base("dev"),
            "branch 'dev' not in [main]"),
        row("path matches", job("go-test").paths("**/*.go"), change().files("cmd/a.go"), DUE),
        row(
            "one of several paths",
            job("go-test").paths("**/*.go", "go.mod"),
            change().files("docs/a.md", "go.mod"),
            DUE),
        row(
            "no path matches",
            job("go-test").paths("**/*.go"),
            change().files("README.md"),
            "paths did not match any changed file"),
        row(
            "every file ignored",
            job("go-test").ignore("docs/**"),
            change().files("docs/a.md", "docs/b/c.md"),
            "every changed file matches pathsIgnore"),
        row(
            "one file not ignored",
            job("go-test").ignore("docs/**"),
            change().files("docs/a.md", "main.go"),
            DUE),
        row(
            "the only matching file is ignored",
            job("go-test").paths("**/*.go").ignore("docs/**"),
            change().files("docs/x.go", "README.md"),
            "every changed file matching paths also matches pathsIgnore"),
        row("paths with no files", job("go-test").paths("**/*.go"), change().files(), DUE),
        row("pathsIgnore with no files", job("go-test").ignore("**"), change().files(), DUE),
        row("when true", job("go-test").when("!change.draft"), change(), DUE),
        row(
            "when false",
            job("go-test").when("!change.draft"),
            change().draft(),
            "when is false: !change.draft"),
        row(
            "when fails",
            job("go-test").when("change.labels[3] == 'x'"),
            change().labels("a"),
            "when failed: "),
        row(
            "when not evaluated for a branch that does not match",
            job("go-test").branches("main").when("change.labels[3] == 'x'"),
            change().base("dev"),
            "branch 'dev' not in [main]"),
        row(
            "no pull-request trigger",
            job("go-test").commandOnly("/test go-test"),
            change(),
            "no pullRequest trigger"),
        row("repo glob matches", job("go-test").repos("demo/*"), change(), DUE),
        // `*` is every repository: an owner/name is a name, its slash is not a path separator.
        row("repo glob * matches owner/name", job("go-test").repos("*"), change(), DUE));
  }

  private static Arguments row(String name, JobSpec job, ChangeBuilder change, String reason) {
    return argumentSet(name, job, change, reason);
  }

  @ParameterizedTest
  @MethodSource("rows")
  void decidesWhetherTheJobIsDue(JobSpec spec, ChangeBuilder change, String reason) {
    ChangePlan plan =
        Planner.plan(config().job(spec).build(), List.of(change.state()), List.of(), NOW)
            .changes()
            .get(0);

    JobDecision job = plan.job("go-test").orElseThrow();
    boolean due = reason.equals(DUE);
    assertThat(job.reason()).startsWith(reason);
    assertThat(job.due()).isEqualTo(due);
    assertThat(job.status()).isEqualTo(due ? JobStatus.MISSING : JobStatus.SKIPPED);
    assertThat(Rendered.actions(plan.actions(), List.of()))
        .isEqualTo(due ? List.of("start go-test#1 pull_request by alice") : List.of());
  }

  @ParameterizedTest
  @MethodSource("otherRepos")
  void jobOfAnotherRepositoryIsNotPartOfThePlan(String repoGlob) {
    var snapshot = config().job(job("go-test").repos(repoGlob)).build();

    ChangePlan plan =
        Planner.plan(snapshot, List.of(change().state()), List.of(), NOW).changes().get(0);

    assertThat(plan.jobs()).isEmpty();
    assertThat(plan.actions()).isEmpty();
  }

  static Stream<String> otherRepos() {
    return Stream.of("other/*", "demo/hello-rust", "demo");
  }
}
