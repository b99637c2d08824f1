package dev.ciorchestrator.forge.local;

import static dev.ciorchestrator.forge.local.LocalForgeFixture.BOT;
import static dev.ciorchestrator.forge.local.LocalForgeFixture.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.forge.MergeResult;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every merge method on a real bare repository, and every refusal writing nothing. */
class LocalForgeMergeTest {
  @TempDir Path dir;
  LocalForgeFixture f;
  String base;

  @BeforeEach
  void setUp() throws Exception {
    f = new LocalForgeFixture(dir);
    base = f.tip("main");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  /** Two commits by two authors on {@code feature}, and an unrelated one on main. */
  String twoCommitsAndAMovedMain() throws Exception {
    f.work.commitAs("feature", "main", "ann", "first", TestGitRepo.files("c.txt", "c\n"));
    String head =
        f.work.commitAs("feature", "main", "ben", "second", TestGitRepo.files("d.txt", "d\n"));
    f.work.commitAs("main", "main", "cy", "main moves", TestGitRepo.files("m.txt", "m\n"));
    f.work.pushAll(f.bare);
    base = f.tip("main");
    f.open("feature", head);
    return head;
  }

  MergeResult merge(String head, MergeMethod method) throws Exception {
    return f.forge.merge(REPO, 1, head, method);
  }

  void assertMergedAt(MergeResult result) throws Exception {
    assertThat(result.merged()).as(result.reason()).isTrue();
    assertThat(result.sha()).isEqualTo(f.tip("main"));
    LocalChange c = f.store.get(REPO, 1).orElseThrow();
    assertThat(c.state()).isEqualTo(LocalChange.State.MERGED);
    assertThat(c.mergeSha()).isEqualTo(result.sha());
  }

  void assertNothingWritten(MergeResult result, Map<String, String> before) throws Exception {
    assertThat(result.merged()).isFalse();
    assertThat(f.tip("main")).isEqualTo(before.get("main"));
    assertThat(f.forge.branches(REPO)).isEqualTo(before);
    assertThat(f.store.get(REPO, 1).orElseThrow().state()).isEqualTo(LocalChange.State.OPEN);
  }

  @Test
  void mergeMakesAMergeCommitEvenWhenFastForwardIsPossible() throws Exception {
    String head = f.push("feature", "c.txt", "c\n");
    f.open("feature", head);
    MergeResult result = merge(head, MergeMethod.MERGE);
    assertMergedAt(result);
    RevCommit merge = f.commit(result.sha());
    assertThat(merge.getParents()).extracting(ObjectId::name).containsExactly(base, head);
    assertThat(merge.getCommitterIdent().getName()).isEqualTo(BOT);
    assertThat(merge.getTree()).isEqualTo(f.commit(head).getTree());
  }

  @Test
  void squashIsOneCommitOnTheTargetWithTheHeadsTree() throws Exception {
    String head = f.push("feature", "c.txt", "c\n");
    f.push("feature", "d.txt", "d\n");
    head = f.tip("feature");
    f.open("feature", head);
    MergeResult result = merge(head, MergeMethod.SQUASH);
    assertMergedAt(result);
    RevCommit squash = f.commit(result.sha());
    assertThat(squash.getParents()).extracting(ObjectId::name).containsExactly(base);
    assertThat(squash.getTree()).isEqualTo(f.commit(head).getTree());
    assertThat(squash.getFullMessage()).isEqualTo("Add feature (#1)\n");
  }

  @Test
  void rebaseReplaysEachCommitKeepingAuthorsAndOrder() throws Exception {
    String head = twoCommitsAndAMovedMain();
    MergeResult result = merge(head, MergeMethod.REBASE);
    assertMergedAt(result);
    RevCommit second = f.commit(result.sha());
    RevCommit first = f.commit(second.getParent(0).name());
    assertThat(first.getParent(0).name()).isEqualTo(base);
    assertThat(first.getAuthorIdent().getName()).isEqualTo("ann");
    assertThat(first.getFullMessage()).isEqualTo("first");
    assertThat(second.getAuthorIdent().getName()).isEqualTo("ben");
    assertThat(second.getCommitterIdent().getName()).isEqualTo(BOT);
    assertThat(second.getParentCount()).isEqualTo(1);
  }

  @Test
  void fastForwardMovesTheTargetToTheHead() throws Exception {
    String head = f.push("feature", "c.txt", "c\n");
    f.open("feature", head);
    MergeResult result = merge(head, MergeMethod.FAST_FORWARD);
    assertMergedAt(result);
    assertThat(result.sha()).isEqualTo(head);
  }

  @Test
  void fastForwardIsRefusedWhenTheTargetDiverged() throws Exception {
    String head = twoCommitsAndAMovedMain();
    Map<String, String> before = f.forge.branches(REPO);
    MergeResult result = merge(head, MergeMethod.FAST_FORWARD);
    assertNothingWritten(result, before);
    assertThat(result.reason()).contains("fast-forward is impossible");
  }

  @Test
  void aHeadThatMovedIsRefusedAndWritesNothing() throws Exception {
    String gated = f.push("feature", "c.txt", "c\n");
    f.open("feature", gated);
    String pushed = f.push("feature", "c.txt", "c2\n"); // the forge has not listed it yet
    Map<String, String> before = f.forge.branches(REPO);
    MergeResult result = merge(gated, MergeMethod.MERGE);
    assertNothingWritten(result, before);
    assertThat(result.reason())
        .isEqualTo(
            "head moved from "
                + gated.substring(0, 7)
                + " to "
                + pushed.substring(0, 7)
                + " since the gate passed");
    MergeResult stale = merge("f".repeat(40), MergeMethod.MERGE);
    assertThat(stale.reason()).startsWith("head moved from fffffff to " + gated.substring(0, 7));
  }

  @Test
  void aConflictIsRefusedNamingThePathsAndWritesNothing() throws Exception {
    String head = f.push("feature", "a.txt", "1\n2\n3\n4\nfive\n");
    f.push("main", "a.txt", "1\n2\n3\n4\nFIVE\n");
    f.open("feature", head);
    Map<String, String> before = f.forge.branches(REPO);
    for (MergeMethod method :
        new MergeMethod[] {MergeMethod.MERGE, MergeMethod.SQUASH, MergeMethod.REBASE}) {
      MergeResult result = merge(head, method);
      assertNothingWritten(result, before);
      assertThat(result.reason()).contains("conflicts in a.txt");
    }
  }

  @Test
  void aTargetThatMovedDuringTheMergeIsNotOverwritten() throws Exception {
    String head = f.push("feature", "c.txt", "c\n");
    String moved = f.push("main", "m.txt", "m\n");
    try (var git = Branches.open(f.bare);
        var walk = new org.eclipse.jgit.revwalk.RevWalk(git)) {
      String refused =
          LocalMerge.compareAndSet(
              git,
              walk,
              "main",
              ObjectId.fromString(base),
              ObjectId.fromString(head),
              new org.eclipse.jgit.lib.PersonIdent(BOT, "ci@example.com"),
              "merge demo/app#1");
      assertThat(refused).startsWith("main moved during the merge");
    }
    assertThat(f.tip("main")).isEqualTo(moved);
  }

  @Test
  void aChangeAlreadyInTheTargetIsMarkedMergedNotMergedAgain() throws Exception {
    String head = f.push("feature", "c.txt", "c\n");
    f.open("feature", head);
    // as if a merger crashed after moving main and before marking the change
    f.setBranch("main", head);
    String tip = f.tip("main");
    MergeResult result = merge(head, MergeMethod.MERGE);
    assertMergedAt(result);
    assertThat(result.sha()).isEqualTo(tip);
    assertThat(merge(head, MergeMethod.MERGE))
        .isEqualTo(MergeResult.merged(tip, "demo/app#1 was already merged"));
    assertThat(merge("f".repeat(40), MergeMethod.MERGE).reason()).isEqualTo("demo/app#1 is merged");
  }

  @Test
  void aSquashWhoseChangesAreAlreadyInTheTargetIsMarkedMerged() throws Exception {
    String head = f.push("feature", "c.txt", "c\n");
    f.open("feature", head);
    String squashed = f.push("main", "c.txt", "c\n"); // the squash commit a crash left behind
    MergeResult result = merge(head, MergeMethod.SQUASH);
    assertMergedAt(result);
    assertThat(result.sha()).isEqualTo(squashed);
  }

  @Test
  void aClosedChangeIsRefused() throws Exception {
    String head = f.push("feature", "c.txt", "c\n");
    f.open("feature", head);
    f.store.close(REPO, 1);
    assertThat(merge(head, MergeMethod.MERGE).reason()).isEqualTo("demo/app#1 is closed");
    assertThat(f.tip("main")).isEqualTo(base);
  }
}
