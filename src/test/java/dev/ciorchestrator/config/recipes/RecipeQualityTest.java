package dev.ciorchestrator.config.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality.Cache;
import dev.ciorchestrator.config.model.JobQuality.Tier;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults.Finding;
import dev.ciorchestrator.domain.RunResults.TestCounts;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.local.ProcessLauncher;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.quality.QualityProducer;
import dev.ciorchestrator.quality.QualityRuns;
import dev.ciorchestrator.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the shipped recipes declare ({@code tier}, {@code reports}, {@code caches}) reaches the jobs
 * that use them and works: jobs expanded from a config run on the process executor with the
 * service's hooks, their reports end up in the run record, and a second run restores the caches the
 * first one saved.
 */
class RecipeQualityTest {
  @TempDir Path tmp;

  /** What the process executor passes on, plus Go offline: no module proxy, no toolchain fetch. */
  private QualityRuns runs(Path project) throws Exception {
    return runs(project, Map.of());
  }

  private QualityRuns runs(Path project, Map<String, String> runEnv) throws Exception {
    Map<String, String> base =
        Map.of(
            "PATH", System.getenv("PATH"),
            "HOME", tmp.resolve("home").toString(),
            "GOPROXY", "off",
            "GOFLAGS", "-mod=vendor",
            "GOTOOLCHAIN", "local",
            "CC", "gcc");
    ProcessRunner bash = new ProcessRunner("bash", base, Duration.ofMillis(300));
    return new QualityRuns(tmp, new ProcessLauncher(bash), project, runEnv);
  }

  @Test
  void vulncheckReadsTheDatabaseFolderOfTheSetting() throws Exception {
    RequiredTools.require("go", "Debian package golang-go: the go/* recipes run it");
    RequiredTools.require("govulncheck", "Debian package govulncheck: go/vulncheck");
    Path db = Path.of("src/test/resources/recipes/govulndb");
    Path project = RecipeRun.demo("hello-go", tmp.resolve("planted"));
    GoRecipesTest.plantVulnerableDependency(project);
    // ci.recipes.govulndb as the service reads it, relative to its working directory
    Map<String, String> runEnv = QualityProducer.runEnv(() -> Optional.of(db));
    assertThat(runEnv).containsEntry("GOVULNDB", db.toAbsolutePath().toString());

    try (QualityRuns runs = runs(project, runEnv)) {
      RunRecord run = runs.push(RecipeRun.job("go/vulncheck", "{}"), "vulncheck");

      assertThat(run.state()).as(runs.log(run)).isEqualTo(RunState.FAILURE);
      assertThat(runs.log(run)).contains("GO-2026-0001").contains("example.com/vulnlib");
    }
  }

  @Test
  void aJobTakesTheRecipesTierReportsAndCachesUnlessItSetsItsOwn() {
    Job test = RecipeRun.job("go/test", "{}");
    assertThat(test.quality().tier()).isEqualTo(Tier.UNIT);
    assertThat(test.quality().reports().junit()).containsExactly("out/go-test.json");
    assertThat(test.quality().caches())
        .extracting(Cache::name, Cache::env)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("gobuild", "GOCACHE"),
            org.assertj.core.groups.Tuple.tuple("gomod", "GOMODCACHE"));
    assertThat(RecipeRun.job("go/staticcheck", "{}").quality().reports().sarif())
        .containsExactly("out/staticcheck.sarif");
    assertThat(RecipeRun.job("c/build", "{}").quality().caches())
        .extracting(Cache::env)
        .containsExactly("CCACHE_DIR");

    String own =
        """
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: integration
        repos: [demo/app]
        uses: go/test
        with: {tags: integration}
        tier: integration
        caches: []
        """;
    Job overridden = RecipeConfigs.snapshot("job.yaml", own).job("integration").orElseThrow();
    assertThat(overridden.quality().tier()).isEqualTo(Tier.INTEGRATION);
    assertThat(overridden.quality().caches()).isEmpty();
    assertThat(overridden.quality().reports().junit()).containsExactly("out/go-test.json");
  }

  @Test
  void goTestRecordsItsTestsAndTheWarmRunRestoresTheBuildCache() throws Exception {
    RequiredTools.require("go", "Debian package golang-go: the go/* recipes run it");
    Job job = RecipeRun.job("go/test", "{race: false}");
    try (QualityRuns runs = runs(Path.of("examples/hello-go"))) {
      RunRecord cold = runs.push(job, "cold");
      assertThat(cold.state()).as(runs.log(cold)).isEqualTo(RunState.SUCCESS);
      assertThat(cold.results().tests().passed()).isPositive();
      assertThat(cold.results().tests().failed()).isZero();
      assertThat(runs.events).startsWith("miss", "miss").anyMatch(e -> e.startsWith("saved "));
      assertThat(savedBytes(runs)).as("the build cache the cold run filled").isPositive();

      runs.events.clear();
      RunRecord warm = runs.push(job, "warm");
      assertThat(warm.state()).as(runs.log(warm)).isEqualTo(RunState.SUCCESS);
      assertThat(warm.results().tests()).isEqualTo(cold.results().tests());
      assertThat(runs.events.get(0)).as("GOCACHE restored").matches("hit [1-9][0-9]*");
    }
  }

  @Test
  void staticcheckFindingsReachTheRunRecord() throws Exception {
    RequiredTools.require("go", "Debian package golang-go: the go/* recipes run it");
    if (RequiredTools.onPath("staticcheck").isEmpty()) {
      RequiredTools.require("go-staticcheck", "Debian package go-staticcheck: go/staticcheck");
    }
    Path project = RecipeRun.demo("hello-go", tmp.resolve("planted"));
    Files.writeString(
        project.resolve("spin.go"), "package main\n\nfunc Spin() {\n\tfor {\n\t}\n}\n");
    try (QualityRuns runs = runs(project)) {
      RunRecord run = runs.push(RecipeRun.job("go/staticcheck", "{}"), "lint");

      assertThat(run.state()).as(runs.log(run)).isEqualTo(RunState.FAILURE);
      assertThat(run.results().findings().total()).isEqualTo(1);
      Finding finding = run.results().firstFindings().get(0);
      assertThat(finding.rule()).isEqualTo("SA5002");
      assertThat(finding.where()).contains("spin.go:4");
    }
  }

  @Test
  void cTestRecordsJunitAndCBuildIsWarmThroughCcache() throws Exception {
    RequiredTools.require("gcc", "Debian package gcc: the c/* recipes build the demo");
    RequiredTools.require("make", "Debian package make: the c/* recipes build the demo");
    RequiredTools.require("ccache", "Debian package ccache: c/build caches compilations with it");
    try (QualityRuns runs = runs(Path.of("examples/hello-c"))) {
      RunRecord test = runs.push(RecipeRun.job("c/test", "{}"), "test");
      assertThat(test.state()).as(runs.log(test)).isEqualTo(RunState.SUCCESS);
      assertThat(test.results().tests()).isEqualTo(new TestCounts(1, 0, 0));

      Job build = RecipeRun.job("c/build", "{}");
      RunRecord cold = runs.push(build, "build-cold");
      assertThat(cold.state()).as(runs.log(cold)).isEqualTo(RunState.SUCCESS);
      assertThat(runs.log(cold)).contains("ccache ");
      assertThat(savedBytes(runs)).as("ccache's objects").isPositive();

      runs.events.clear();
      RunRecord warm = runs.push(build, "build-warm");
      assertThat(warm.state()).as(runs.log(warm)).isEqualTo(RunState.SUCCESS);
      assertThat(runs.events.get(0)).as("CCACHE_DIR restored").matches("hit [1-9][0-9]*");
    }
  }

  private static long savedBytes(QualityRuns runs) {
    return runs.events.stream()
        .filter(e -> e.startsWith("saved "))
        .mapToLong(e -> Long.parseLong(e.substring("saved ".length())))
        .max()
        .orElse(0);
  }
}
