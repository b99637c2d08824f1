package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static dev.ciorchestrator.reconcile.Fixture.run;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: a way to measure the planner at its target size, 10,000 open changes of 20
 * repositories, 50 jobs, three gate policies and a trust policy, half of the changes with a run of
 * every job. Run it from the worktree after {@code mvn -o test-compile}:
 *
 * <pre>
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *   dev.ciorchestrator.reconcile.PlannerBenchmark
 * </pre>
 */
final class PlannerBenchmark {
  private static final int CHANGES = 10_000;
  private static final int JOBS = 50;
  private static final int REPOS = 20;

  private PlannerBenchmark() {}

  public static void main(String[] args) {
    ConfigSnapshot snapshot = snapshot();
    List<ChangeState> changes = new ArrayList<>();
    List<RunRecord> runs = new ArrayList<>();
    for (int i = 1; i <= CHANGES; i++) {
      addChange(i, changes, runs);
    }
    for (int round = 0; round < 8; round++) {
      long start = System.nanoTime();
      Plan plan = Planner.plan(snapshot, changes, runs, NOW);
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("plan %d: %d ms, %d actions%n", round, millis, plan.actions().size());
    }
  }

  private static ConfigSnapshot snapshot() {
    Fixture.Config config = config();
    for (int r = 0; r < REPOS; r++) {
      config.repository("org/repo" + r, "alice");
    }
    for (int j = 0; j < JOBS; j++) {
      Fixture.JobSpec spec = job("job" + j).branches("main", "release-*");
      if (j % 2 == 0) {
        spec.paths("**/*.go", "go.mod");
      }
      if (j % 3 == 0) {
        spec.ignore("docs/**");
      }
      if (j % 5 == 0) {
        spec.when("!change.draft");
      }
      config.job(spec);
    }
    return config
        .gate(
            "two-approvals",
            "size(change.approvals) >= 2",
            "'has ' + string(size(change.approvals))")
        .gate("no-hold", "!('hold' in change.labels)", "'change is on hold'")
        .gate("go-green", "jobs['job0'].status in ['success', 'skipped']", null)
        .trust("members", "change.author in ['bob', 'carol']")
        .build();
  }

  private static void addChange(int number, List<ChangeState> changes, List<RunRecord> runs) {
    String repo = "org/repo" + (number % REPOS);
    String head = "%040x".formatted(number);
    String author = number % 3 == 0 ? "bob" : number % 7 == 0 ? "mallory" : "alice";
    changes.add(
        change()
            .repo(repo)
            .number(number)
            .head(head)
            .author(author)
            .files("cmd/main.go", "docs/a.md", "pkg/x/y.go", "README.md", "go.sum")
            .state());
    if (number % 2 == 0) {
      for (int j = 0; j < JOBS; j++) {
        runs.add(run(RunKey.forChange(repo, number, head, "job" + j, 1), RunState.SUCCESS));
      }
      runs.add(run(RunKey.forChange(repo, number, "0ld", "job1", 1), RunState.RUNNING));
    }
  }
}
