package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.cache.CacheTally;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.executor.local.Jobs;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caches of Kubernetes runs end to end on the fake cluster: the real checkout (init container's
 * script with git), then the controller's {@code pod cache restore} and {@code pod cache save}
 * containers, which the fake kubelet runs in this JVM against a folder standing in for the claim.
 * The job's script says whether it found its cache warm, and leaves one for the next run.
 */
class KubernetesCacheTest {
  static final String REPO = "demo/app";
  static final String CLAIM = "ci-caches";
  // HIT or MISS by what the restored cache holds; then the cache gets this run's mark
  static final String SCRIPT =
      """
      if [ -f "$GOCACHE/mark" ]; then echo "HIT $(cat "$GOCACHE/mark")"; else echo MISS; fi
      echo "$MARK" > "$GOCACHE/mark"
      """;

  @TempDir Path tmp;
  FileRunStore store;
  KubeHarness kube;
  GitRepo git;
  int runs;
  String main;

  @BeforeEach
  void setUp() throws Exception {
    RequiredTools.require("git", "the init container's script runs the git CLI");
    store = new FileRunStore(tmp.resolve("records"));
    git = GitRepo.init(tmp.resolve("repos").resolve(REPO));
    main = git.write("go.sum", "v1\n").commit("root");
    kube =
        new KubeHarness(
            tmp,
            store,
            new JobSlots(),
            KubeHarness.ignore(),
            Duration.ofMillis(100),
            KubeHarness.localClones(tmp.resolve("repos")).withCacheClaim(CLAIM));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (kube != null) {
      kube.close();
      git.close();
    }
  }

  static Job job(String mark, String tail) {
    Job plain = KubernetesExecutorTest.job("unit", "MARK=" + mark + "\n" + SCRIPT + tail);
    return Jobs.withQuality(
        plain,
        new JobQuality(
            null,
            JobQuality.Reports.NONE,
            List.of(new JobQuality.Cache("gobuild", "", "GOCACHE", List.of("go.sum")))));
  }

  /** A push to main (trusted scope), run to its end; returns its log. */
  String push(String mark, String tail, RunState expected) throws Exception {
    String sha = main;
    RunRecord run =
        TestRuns.pending(
            RunKey.forPush(REPO, "refs/heads/main", sha, "unit-" + (++runs)), Instant.now());
    return runToEnd(
        run, new RunSpec(job(mark, tail), git.dir(), "refs/heads/main", null, true), expected);
  }

  /** A change by an author the repository does not trust. */
  String untrustedChange(long change, String head, String mark, RunState expected)
      throws Exception {
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange(REPO, change, head, "unit-" + (++runs), 1), Instant.now());
    return runToEnd(run, new RunSpec(job(mark, ""), git.dir(), "main", head, false), expected);
  }

  String runToEnd(RunRecord run, RunSpec spec, RunState expected) throws Exception {
    store.create(run);
    kube.executor().start(run, spec);
    RunRecord done = kube.awaitEnd(run.id());
    String log = Files.readString(kube.executor().logFile(run.id()));
    assertThat(done.state()).as(done.message() + "\n" + log).isEqualTo(expected);
    return log;
  }

  /** Published versions on the claim, of every key. */
  long versions() throws Exception {
    try (Stream<Path> all = Files.walk(kube.kubelet.claim(CLAIM), 2)) {
      return all.filter(p -> p.getFileName().toString().startsWith("v-")).count();
    }
  }

  @Test
  void theSameKeyFilesHitAndTheHitIsCounted() throws Exception {
    assertThat(push("one", "", RunState.SUCCESS)).startsWith("MISS");
    assertThat(push("two", "", RunState.SUCCESS)).startsWith("HIT one");

    CacheTally.Counts counts = kube.caches.counts();
    assertThat(counts.hits()).isEqualTo(1);
    assertThat(counts.misses()).isEqualTo(1);
    assertThat(counts.saved()).isEqualTo(2);
    assertThat(counts.restoredBytes()).isEqualTo("one\n".length());
    assertThat(versions()).isEqualTo(1); // the second save replaced the first
  }

  @Test
  void aChangedKeyFileMisses() throws Exception {
    assertThat(push("one", "", RunState.SUCCESS)).startsWith("MISS");
    main = git.write("go.sum", "v2\n").commit("dependencies move");

    assertThat(push("two", "", RunState.SUCCESS)).startsWith("MISS");
    assertThat(versions()).isEqualTo(2); // one per key
  }

  @Test
  void aFailedRunPublishesNothing() throws Exception {
    assertThat(push("broken", "exit 3", RunState.FAILURE)).startsWith("MISS");
    assertThat(versions()).isZero();

    assertThat(push("good", "", RunState.SUCCESS)).startsWith("MISS");
    assertThat(kube.caches.counts().saved()).isEqualTo(1);
  }

  @Test
  void anUntrustedChangeReadsTheTrustedScopeAndWritesOnlyItsOwn() throws Exception {
    push("trusted", "", RunState.SUCCESS);
    git.checkout("feature", true);
    String head = git.write("feature.txt", "x\n").commit("feature");
    git.checkout("main", false);

    assertThat(untrustedChange(7, head, "poison", RunState.SUCCESS)).startsWith("HIT trusted");
    assertThat(push("after", "", RunState.SUCCESS)).startsWith("HIT trusted");
    // the change saved into its own scope, which it reads next time, and nobody else does
    assertThat(untrustedChange(7, head, "again", RunState.SUCCESS)).startsWith("HIT poison");
    assertThat(untrustedChange(8, head, "other", RunState.SUCCESS)).startsWith("HIT after");
  }
}
