package dev.ciorchestrator.forge.local;

import static dev.ciorchestrator.forge.local.LocalForgeFixture.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.forge.BatchBuild;
import dev.ciorchestrator.forge.MergeResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merge-queue batches on the embedded forge, on a real bare repository. */
class LocalForgeBatchTest {
  @TempDir Path dir;
  LocalForgeFixture f;
  String base;
  String one;
  String two;

  @BeforeEach
  void setUp() throws Exception {
    f = new LocalForgeFixture(dir);
    base = f.tip("main");
    one = f.work.commit("one", "main", TestGitRepo.files("one.txt", "1\n"));
    two = f.work.commit("two", "main", TestGitRepo.files("two.txt", "2\n"));
    f.work.pushAll(f.bare);
    f.store.open(REPO, "One", "alice", "one", "main", false, one, LocalForgeFixture.NOW);
    f.store.open(REPO, "Two", "alice", "two", "main", false, two, LocalForgeFixture.NOW);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  BatchKey batch(String baseSha) {
    return new BatchKey(
        REPO, "main", baseSha, List.of(new BatchKey.Member(1, one), new BatchKey.Member(2, two)));
  }

  @Test
  void aBatchIsOneMergeCommitPerChangeOnItsOwnRefAndTheSameCommitWhenBuiltAgain() throws Exception {
    BatchBuild built = f.forge.buildBatch(REPO, batch(base), 7);

    assertThat(built.conflicted()).isFalse();
    assertThat(built.ref()).isEqualTo("refs/ci-orchestrator/queue/main/7");
    assertThat(ref("refs/ci-orchestrator/queue/main/7")).isEqualTo(built.commitSha());
    RevCommit top = f.commit(built.commitSha());
    assertThat(top.getParent(1).name()).isEqualTo(two);
    RevCommit first = f.commit(top.getParent(0).name());
    assertThat(first.getParent(0).name()).isEqualTo(base);
    assertThat(first.getParent(1).name()).isEqualTo(one);
    assertThat(first.getFullMessage()).startsWith("Merge change #1 into main");
    assertThat(files(built.commitSha())).contains("one.txt", "two.txt", "a.txt");
    assertThat(f.forge.branches(REPO)).doesNotContainKey("queue/main/7").hasSize(3);

    assertThat(f.forge.buildBatch(REPO, batch(base), 8).commitSha())
        .as("deterministic: a rebuild after a restart is the same commit")
        .isEqualTo(built.commitSha());
    f.forge.dropBatch(REPO, "main", 7);
    assertThat(ref("refs/ci-orchestrator/queue/main/7")).isNull();
    f.forge.dropBatch(REPO, "main", 7); // already gone: fine
  }

  @Test
  void aConflictNamesTheChangeAndThePaths() throws Exception {
    String clash = f.work.commit("clash", "main", TestGitRepo.files("one.txt", "other\n"));
    f.work.pushAll(f.bare);
    BatchKey batch =
        new BatchKey(
            REPO,
            "main",
            base,
            List.of(new BatchKey.Member(1, one), new BatchKey.Member(3, clash)));
    BatchBuild built = f.forge.buildBatch(REPO, batch, 1);
    assertThat(built.conflicted()).isTrue();
    assertThat(built.conflictChange()).isEqualTo(3);
    assertThat(built.conflict()).isEqualTo("conflict in one.txt");
    assertThat(ref("refs/ci-orchestrator/queue/main/1")).isNull();
  }

  @Test
  void aGreenBatchFastForwardsTheBranchAndEveryChangeIsMerged() throws Exception {
    String commit = f.forge.buildBatch(REPO, batch(base), 1).commitSha();
    MergeResult result = f.forge.fastForwardBatch(REPO, batch(base), commit);
    assertThat(result.merged()).as(result.reason()).isTrue();
    assertThat(f.tip("main")).isEqualTo(commit);
    assertThat(f.store.get(REPO, 1).orElseThrow().state()).isEqualTo(LocalChange.State.MERGED);
    assertThat(f.store.get(REPO, 2).orElseThrow().mergeSha()).isEqualTo(commit);
  }

  @Test
  void aFastForwardIsRefusedWhenTheBaseMovedOrAChangeWasPushed() throws Exception {
    String commit = f.forge.buildBatch(REPO, batch(base), 1).commitSha();
    String moved = f.push("main", "m.txt", "m\n");
    MergeResult result = f.forge.fastForwardBatch(REPO, batch(base), commit);
    assertThat(result.merged()).isFalse();
    assertThat(result.reason())
        .isEqualTo(
            "main moved from "
                + base.substring(0, 7)
                + " to "
                + moved.substring(0, 7)
                + " since the batch was tested");
    assertThat(f.tip("main")).isEqualTo(moved);

    String commit2 = f.forge.buildBatch(REPO, batch(moved), 2).commitSha();
    String pushed = f.work.commit("two", "two", TestGitRepo.files("two.txt", "22\n"));
    f.work.pushAll(f.bare);
    f.store.setHead(REPO, 2, pushed, LocalForgeFixture.NOW);
    MergeResult stale = f.forge.fastForwardBatch(REPO, batch(moved), commit2);
    assertThat(stale.merged()).isFalse();
    assertThat(stale.reason()).startsWith("change #2 moved from " + two.substring(0, 7));
    assertThat(f.tip("main")).isEqualTo(moved);
    assertThat(f.store.get(REPO, 1).orElseThrow().state()).isEqualTo(LocalChange.State.OPEN);
  }

  @Test
  void mergingOntoAnExpectedBaseLandsEachChangeOrNothing() throws Exception {
    MergeResult first = f.forge.mergeOnto(REPO, 1, one, MergeMethod.MERGE, "main", base);
    assertThat(first.merged()).as(first.reason()).isTrue();
    MergeResult wrongBase = f.forge.mergeOnto(REPO, 2, two, MergeMethod.MERGE, "main", base);
    assertThat(wrongBase.merged()).isFalse();
    assertThat(wrongBase.reason()).contains("main moved from " + base.substring(0, 7));
    assertThat(f.store.get(REPO, 2).orElseThrow().state()).isEqualTo(LocalChange.State.OPEN);
    MergeResult second = f.forge.mergeOnto(REPO, 2, two, MergeMethod.MERGE, "main", first.sha());
    assertThat(second.merged()).as(second.reason()).isTrue();
    assertThat(files(f.tip("main"))).contains("one.txt", "two.txt");
  }

  private String ref(String name) throws Exception {
    try (var git = Branches.open(f.bare)) {
      var ref = git.exactRef(name);
      return ref == null ? null : ref.getObjectId().name();
    }
  }

  private List<String> files(String sha) throws Exception {
    try (var git = Branches.open(f.bare);
        RevWalk walk = new RevWalk(git);
        TreeWalk tree = new TreeWalk(git)) {
      tree.addTree(walk.parseCommit(git.resolve(sha)).getTree());
      tree.setRecursive(true);
      List<String> out = new ArrayList<>();
      while (tree.next()) {
        out.add(tree.getPathString());
      }
      return out;
    }
  }
}
