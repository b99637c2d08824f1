package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init container's real script, run by the fake kubelet with the git CLI against a local
 * repository: the change's head merged onto the target branch, BASE_SHA from the init container,
 * and a merge conflict as a run error that names the files.
 */
class KubernetesWorkspaceTest {
  static final String REPO = "demo/app";

  @TempDir Path tmp;
  FileRunStore store;
  KubeHarness kube;
  GitRepo git;

  @BeforeEach
  void setUp() throws Exception {
    RequiredTools.require("git", "the init container's script runs the git CLI");
    store = new FileRunStore(tmp.resolve("records"));
    git = GitRepo.init(tmp.resolve("repos").resolve(REPO));
    kube =
        new KubeHarness(
            tmp,
            store,
            new JobSlots(),
            KubeHarness.ignore(),
            Duration.ofMillis(100),
            KubeHarness.localClones(tmp.resolve("repos")));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (kube != null) {
      kube.close();
      git.close();
    }
  }

  RunRecord awaitEnd(String id) throws Exception {
    for (int i = 0; i < 600; i++) {
      Optional<RunRecord> run = store.get(id);
      if (run.isPresent() && run.get().state().terminal()) {
        return run.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + id + " did not end: " + store.get(id));
  }

  @Test
  void aChangeRunsOnItsHeadMergedOntoTheTargetBranch() throws Exception {
    git.write("README.md", "hello\n").commit("root");
    git.checkout("feature", true);
    String head = git.write("feature.txt", "feature\n").commit("feature");
    git.checkout("main", false);
    String base = git.write("main.txt", "main\n").commit("main moves on");
    RunRecord run = TestRuns.pending(RunKey.forChange(REPO, 4, head, "unit", 1), Instant.now());
    store.create(run);

    kube.executor()
        .start(
            run,
            new RunSpec(
                KubernetesExecutorTest.job(
                    "unit", "cat feature.txt main.txt; echo \"base=$BASE_SHA\""),
                git.dir(),
                "main",
                head));

    RunRecord done = awaitEnd(run.id());
    assertThat(done.state()).as(done.message()).isEqualTo(RunState.SUCCESS);
    assertThat(done.baseSha()).isEqualTo(base);
    assertThat(Files.readString(kube.executor().logFile(run.id())))
        .isEqualTo("feature\nmain\nbase=" + base + "\n");
  }

  @Test
  void aMergeConflictIsAnErrorNamingTheFiles() throws Exception {
    git.write("README.md", "hello\n").commit("root");
    git.checkout("feature", true);
    String head = git.write("README.md", "feature\n").commit("feature edits README");
    git.checkout("main", false);
    git.write("README.md", "main\n").commit("main edits README");
    RunRecord run = TestRuns.pending(RunKey.forChange(REPO, 5, head, "unit", 1), Instant.now());
    store.create(run);

    kube.executor()
        .start(
            run, new RunSpec(KubernetesExecutorTest.job("unit", "true"), git.dir(), "main", head));

    RunRecord done = awaitEnd(run.id());
    assertThat(done.state()).isEqualTo(RunState.ERROR);
    assertThat(done.message())
        .isEqualTo(
            "head "
                + head.substring(0, 7)
                + " does not merge cleanly into main: conflict in README.md");
  }
}
