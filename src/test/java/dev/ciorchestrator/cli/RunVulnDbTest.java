package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.local.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} gives the job go/vulncheck's database folder ({@code ci.recipes.govulndb}) as {@code
 * GOVULNDB}, absolute and beneath the job's own env, as the service's local executor does.
 */
class RunVulnDbTest {
  static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: demo/app
      forge: local
      defaultBranch: main
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: db
      repos: [demo/app]
      run: echo "GOVULNDB=${GOVULNDB:-none}"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: own
      repos: [demo/app]
      env: {GOVULNDB: /elsewhere}
      run: echo "GOVULNDB=$GOVULNDB"
      """;

  @TempDir Path tmp;
  GitRepo git;
  Path config;

  @BeforeEach
  void setUp() throws Exception {
    git = GitRepo.init(tmp.resolve("app"));
    git.write("README.md", "hello\n").commit("root");
    config = Files.createDirectories(tmp.resolve("ci"));
    Files.writeString(config.resolve("ci.yaml"), CONFIG);
  }

  @AfterEach
  void close() {
    git.close();
    System.clearProperty("ci.recipes.govulndb");
  }

  CliRun run(String job) {
    return CliRun.of(
        "run", job, "--ref", "main", "--repo", git.dir().toString(), "--config", config.toString());
  }

  @Test
  void theConfiguredDatabaseReachesTheJob() throws Exception {
    Path db = Files.createDirectories(tmp.resolve("govulndb"));
    System.setProperty("ci.recipes.govulndb", db.toString());

    CliRun run = run("db");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.outLines()).contains("GOVULNDB=" + db.toAbsolutePath());
  }

  @Test
  void theJobsOwnValueWinsAndWithoutTheSettingThereIsNone() throws Exception {
    System.setProperty("ci.recipes.govulndb", tmp.toString());
    assertThat(run("own").outLines()).contains("GOVULNDB=/elsewhere");

    System.clearProperty("ci.recipes.govulndb");
    assertThat(run("db").outLines()).contains("GOVULNDB=none");
  }
}
