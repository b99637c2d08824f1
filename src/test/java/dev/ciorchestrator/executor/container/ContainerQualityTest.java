package dev.ciorchestrator.executor.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults.FindingCounts;
import dev.ciorchestrator.domain.RunResults.TestCounts;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.local.Jobs;
import dev.ciorchestrator.quality.QualityRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports and caches of runs in containers, on real Podman: what the job writes in {@code
 * /workspace} is read as its reports, its {@code env:} cache variable names a folder inside the
 * container that the next run finds again, and an untrusted change's save reaches nobody else.
 */
class ContainerQualityTest {
  /** Counts its runs in the cache and reports one test named after the count, plus a finding. */
  private static final String SCRIPT =
      """
      mkdir -p out
      n=$(cat "$COUNTER/n" 2>/dev/null || echo 0)
      echo $((n + 1)) > "$COUNTER/n"
      echo "<testsuite name='s'><testcase name='run$n'/></testsuite>" > out/junit.xml
      cat > out/lint.sarif <<'EOF'
      {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"lint"}},"results":[{"ruleId":"R1",
      "level":"error","message":{"text":"bad"},"locations":[{"physicalLocation":{
      "artifactLocation":{"uri":"src/a.c"},"region":{"startLine":3}}}]}]}]}
      EOF
      echo "cache at $COUNTER"
      """;

  @TempDir Path tmp;
  private QualityRuns runs;

  @BeforeEach
  void setUp() throws Exception {
    Podman podman = Podman.require();
    Path project = Files.createDirectories(tmp.resolve("project"));
    Files.writeString(project.resolve("README.md"), "app\n");
    runs = new QualityRuns(tmp, new ContainerLauncher(podman.engine()), project);
  }

  @AfterEach
  void tearDown() {
    if (runs != null) {
      runs.close(); // null when Podman is missing and the test was skipped
    }
  }

  private static Job job() {
    return Jobs.withQuality(
        ContainerExecutorTest.job(Podman.IMAGE, SCRIPT, Job.Resources.NONE),
        new JobQuality(
            JobQuality.Tier.UNIT,
            new JobQuality.Reports(List.of("out/*.xml"), List.of("out/*.sarif")),
            List.of(new JobQuality.Cache("counter", "", "COUNTER", List.of("README.md")))));
  }

  @Test
  void aContainerRunsReportsReachItsRecordAndItsCacheTheNextRun() throws Exception {
    RunRecord first = runs.push(job(), "first");
    assertThat(first.state()).as(runs.log(first)).isEqualTo(RunState.SUCCESS);
    assertThat(runs.log(first)).contains("cache at /workspace/.ci-cache/counter");
    assertThat(first.results().tests()).isEqualTo(new TestCounts(1, 0, 0));
    assertThat(first.results().findings()).isEqualTo(new FindingCounts(1, 0, 0));
    assertThat(first.results().firstFindings().get(0).where()).isEqualTo("src/a.c:3");
    assertThat(runs.reports.get(first.id()).orElseThrow().cases().get(0).name()).isEqualTo("run0");

    RunRecord second = runs.push(job(), "second");
    assertThat(second.state()).as(runs.log(second)).isEqualTo(RunState.SUCCESS);
    assertThat(runs.reports.get(second.id()).orElseThrow().cases().get(0).name())
        .as("the count the first container left in the cache")
        .isEqualTo("run1");
    assertThat(runs.events).contains("miss", "hit 2");
  }

  @Test
  void anUntrustedChangesContainerSavesOnlyIntoItsOwnScope() throws Exception {
    runs.push(job(), "trusted"); // n=1 in the trusted scope

    RunKey evil = RunKey.forChange("demo/app", 7, runs.head, "unit", 1);
    RunRecord untrusted = runs.run(evil, job(), false);
    assertThat(runs.reports.get(untrusted.id()).orElseThrow().cases().get(0).name())
        .as("restored from the trusted scope")
        .isEqualTo("run1");

    RunRecord next = runs.push(job(), "after");
    assertThat(runs.reports.get(next.id()).orElseThrow().cases().get(0).name())
        .as("the change's save (n=2) reached no trusted run")
        .isEqualTo("run1");
    RunRecord again = runs.run(evil.withAttempt(2), job(), false);
    assertThat(runs.reports.get(again.id()).orElseThrow().cases().get(0).name())
        .as("the change reads back its own save")
        .isEqualTo("run2");
  }
}
