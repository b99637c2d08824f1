package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.run.file.FileRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go/vulncheck's database on Kubernetes: the claim {@code govulndb-claim} is mounted read-only into
 * the job's container and {@code GOVULNDB} names it, beneath the job's own env; the fake kubelet
 * backs the claim with a copy of the tests' OSV database.
 */
class KubernetesVulnDbTest {
  static final String CLAIM = "govulndb";
  static final Path DB = Path.of("src/test/resources/recipes/govulndb");

  @TempDir Path tmp;
  FileRunStore store;
  KubeHarness kube;

  @BeforeEach
  void setUp() throws Exception {
    store = new FileRunStore(tmp.resolve("records"));
    kube =
        new KubeHarness(
            tmp,
            store,
            new JobSlots(),
            KubeHarness.ignore(),
            Duration.ofMillis(100),
            RenderOptions.defaults().withGovulndbClaim(CLAIM));
    Path claim = Files.createDirectories(kube.kubelet.claim(CLAIM));
    Path id = Files.createDirectories(claim.resolve("ID"));
    Files.copy(DB.resolve("ID/GO-2026-0001.json"), id.resolve("GO-2026-0001.json"));
  }

  @AfterEach
  void tearDown() {
    kube.close();
  }

  String run(Job job) throws Exception {
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange(
                KubernetesExecutorTest.REPO, 3, KubernetesExecutorTest.SHA, job.name(), 1),
            Instant.now());
    store.create(run);
    kube.executor().start(run, KubernetesExecutorTest.spec(job));
    RunRecord done = kube.awaitEnd(run.id());
    assertThat(done.state()).as(done.message()).isEqualTo(RunState.SUCCESS);
    return Files.readString(kube.executor().logFile(run.id()));
  }

  @Test
  void theJobReadsTheDatabaseWhereGovulndbSays() throws Exception {
    String log =
        run(
            KubernetesExecutorTest.job(
                "vuln", "grep -o GO-2026-0001 \"$GOVULNDB/ID/GO-2026-0001.json\" | head -1"));

    assertThat(log).isEqualTo("GO-2026-0001\n");
  }

  @Test
  void theJobsOwnValueWins() throws Exception {
    Job own =
        new Job(
            "own",
            List.of(KubernetesExecutorTest.REPO),
            new Job.Triggers(null, null, null, "/test own"),
            null,
            true,
            "bash:5",
            "echo \"$GOVULNDB\"",
            Map.of("GOVULNDB", "/mine"),
            Duration.ofSeconds(30),
            0,
            Job.Resources.NONE,
            0,
            null,
            List.of(),
            new SourcePosition("jobs.yaml", 3, 1));

    assertThat(run(own)).isEqualTo("/mine\n");
  }
}
