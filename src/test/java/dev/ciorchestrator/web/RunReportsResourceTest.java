package dev.ciorchestrator.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.executor.local.Jobs;
import dev.ciorchestrator.run.RunStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/runs/{id}/tests} and {@code /findings} of a real run of the service. */
@QuarkusTest
class RunReportsResourceTest {
  @Inject RunStore store;
  @Inject Executor executor;
  @TempDir Path tmp;
  GitRepo git;

  @AfterEach
  void close() {
    if (git != null) {
      git.close();
    }
  }

  @Test
  void servesTheTestsAndFindingsOfARun() throws Exception {
    git = GitRepo.init(tmp.resolve("repo"));
    git.write("README.md", "hello\n").commit("root");
    git.checkout("feature", true);
    String head = git.write("feature.txt", "feature\n").commit("feature");
    git.checkout("main", false);
    String script =
        """
        mkdir -p out
        cat > out/junit.xml <<'XML'
        <testsuite name="s"><testcase name="a"/><testcase name="b"><failure message="no"/></testcase>
        <testcase name="c"><skipped/></testcase></testsuite>
        XML
        cat > out/lint.sarif <<'JSON'
        %s
        JSON
        """
            .formatted(
                "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},"
                    + "\"results\":[{\"ruleId\":\"R1\",\"level\":\"error\",\"message\":{\"text\":"
                    + "\"bad\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":"
                    + "{\"uri\":\"main.go\"},\"region\":{\"startLine\":3}}}]}]}]}");
    Job job = withReports(Jobs.job("report", script, 0, Duration.ofSeconds(30), Map.of()));
    String repo = "demo/reports" + System.nanoTime();
    RunRecord run = TestRuns.pending(RunKey.forChange(repo, 1, head, "report", 1), Instant.now());
    assertThat(store.create(run)).isTrue();
    executor.start(run, new RunSpec(job, git.dir(), "main", head));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!store.get(run.id()).orElseThrow().state().terminal()) {
      assertThat(System.nanoTime()).as("run ends").isLessThan(deadline);
      Thread.sleep(50);
    }

    given()
        .get("/api/v1/runs/" + run.id() + "/tests")
        .then()
        .statusCode(200)
        .body("counts.passed", is(1))
        .body("counts.failed", is(1))
        .body("counts.skipped", is(1))
        .body("cases.name", contains("a", "b", "c"));
    given()
        .get("/api/v1/runs/" + run.id() + "/tests?result=failed")
        .then()
        .statusCode(200)
        .body("cases.name", contains("b"))
        .body("cases[0].message", is("no"));
    given()
        .get("/api/v1/runs/" + run.id() + "/findings")
        .then()
        .statusCode(200)
        .body("counts.error", is(1))
        .body("findings[0].file", is("main.go"))
        .body("findings[0].line", is(3));
    given()
        .get("/api/v1/runs/" + run.id() + "/tests?result=broken")
        .then()
        .statusCode(400)
        .body("field", is("result"));
  }

  @Test
  void aRunWithoutReportsHasNoCounts() throws Exception {
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange("demo/none" + System.nanoTime(), 1, "abc", "x", 1), Instant.now());
    assertThat(store.create(run)).isTrue();
    given()
        .get("/api/v1/runs/" + run.id() + "/tests")
        .then()
        .statusCode(200)
        .body("counts", nullValue());
    given().get("/api/v1/runs/nosuchrun/findings").then().statusCode(404);
  }

  private static Job withReports(Job j) {
    return Jobs.withQuality(
        j,
        new JobQuality(
            JobQuality.Tier.UNIT,
            new JobQuality.Reports(List.of("out/junit.xml"), List.of("out/*.sarif")),
            List.of()));
  }
}
