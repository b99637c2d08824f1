package dev.ciorchestrator.forge.local;

import static dev.ciorchestrator.forge.local.LocalForgeFixture.BOT;
import static dev.ciorchestrator.forge.local.LocalForgeFixture.NOW;
import static dev.ciorchestrator.forge.local.LocalForgeFixture.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.Review;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalForgeTest {
  @TempDir Path dir;
  LocalForgeFixture f;
  String head;

  @BeforeEach
  void setUp() throws Exception {
    f = new LocalForgeFixture(dir);
    head = f.push("feature", "c.txt", "c\n");
    f.open("feature", head);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  /** A new forge on the same files, as a new process would build it. */
  LocalForge restarted() throws IOException {
    return new LocalForge(
        new LocalForgeStore(f.stateFile),
        f.reposDir,
        BOT,
        java.time.Clock.systemUTC(),
        r -> java.util.Optional.empty());
  }

  ForgeChange only() throws IOException {
    List<ForgeChange> open = f.forge.openChanges(REPO);
    assertThat(open).hasSize(1);
    return open.get(0);
  }

  @Test
  void listsOpenChangesWithGitFactsAndTheirFold() throws Exception {
    f.store.comment(REPO, 1, "carol", "/hold", NOW);
    ForgeChange c = only();
    assertThat(c.number()).isEqualTo(1);
    assertThat(c.state().change().headSha()).isEqualTo(head);
    assertThat(c.state().change().baseSha()).isEqualTo(f.tip("main"));
    assertThat(c.state().change().files()).containsExactly("c.txt");
    assertThat(c.labels()).containsExactly("hold");
    assertThat(c.statuses()).isEmpty();
    assertThat(c.summary()).isEmpty();
    assertThat(f.forge.id()).isEqualTo("local");
  }

  @Test
  void holdCommandsAreAppliedToTheStoredLabelOnceEvenAcrossARestart() throws Exception {
    f.store.comment(REPO, 1, "carol", "/hold", NOW);
    assertThat(only().labels()).containsExactly("hold");
    assertThat(f.store.get(REPO, 1).orElseThrow().labels())
        .as("what the API shows")
        .containsExactly("hold");

    f.store.label(REPO, 1, "hold", false); // lifted by hand: that stands
    assertThat(only().labels()).isEmpty();
    LocalForge restarted = restarted();
    assertThat(restarted.openChanges(REPO).get(0).labels()).isEmpty();
  }

  @Test
  void anUntrustedUserCannotLiftSomeoneElsesHold() throws Exception {
    f.store.comment(REPO, 1, "carol", "/hold", NOW);
    f.store.comment(REPO, 1, "mallory", "/unhold", NOW.plusSeconds(1));
    assertThat(only().labels()).containsExactly("hold");

    f.store.comment(REPO, 1, "carol", "/unhold", NOW.plusSeconds(2));
    assertThat(only().labels()).as("carol placed it").isEmpty();

    f.store.label(REPO, 1, "hold", true); // by hand: nobody's to lift but a trusted user's
    f.store.comment(REPO, 1, "carol", "/unhold", NOW.plusSeconds(3));
    assertThat(only().labels()).containsExactly("hold");
    f.store.comment(REPO, 1, "bob", "/unhold", NOW.plusSeconds(4));
    assertThat(only().labels()).isEmpty();
  }

  @Test
  void theHeadFollowsTheSourceBranchAndAPushDismissesApprovals() throws Exception {
    f.store.review(REPO, 1, "bob", Review.State.APPROVED, head, NOW);
    assertThat(only().state().change().approvals()).containsExactly("bob");
    String pushed = f.push("feature", "c.txt", "c2\n");
    ForgeChange c = only();
    assertThat(c.state().change().headSha()).isEqualTo(pushed);
    assertThat(c.state().change().approvals()).isEmpty();
    LocalChange stored = f.store.get(REPO, 1).orElseThrow();
    assertThat(stored.headSha()).isEqualTo(pushed);
    assertThat(stored.headPushedAt()).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void theSameInstanceWhileNothingChanged() throws Exception {
    ForgeChange first = only();
    assertThat(only()).isSameAs(first);

    f.store.comment(REPO, 1, "carol", "hi", NOW);
    ForgeChange commented = only();
    assertThat(commented).isNotSameAs(first);
    assertThat(only()).isSameAs(commented);

    CommitStatus gate = new CommitStatus("ci/gate", CommitStatus.State.PENDING, "", "");
    f.forge.setStatus(REPO, head, gate);
    ForgeChange withStatus = only();
    assertThat(withStatus).isNotSameAs(commented);
    assertThat(withStatus.statuses()).containsEntry("ci/gate", gate);

    f.push("main", "z.txt", "z\n");
    ForgeChange moved = only();
    assertThat(moved).isNotSameAs(withStatus);
    assertThat(moved.state().change().baseSha()).isEqualTo(f.tip("main"));
  }

  @Test
  void aChangeWithAMissingTargetIsLeftOutWithoutHidingTheOthers() throws Exception {
    f.setBranch("broken", head);
    f.store.open(REPO, "Broken", "alice", "broken", "gone", false, head, NOW);
    assertThat(f.forge.openChanges(REPO)).extracting(ForgeChange::number).containsExactly(1L);
  }

  @Test
  void tenThousandChangesAreNotBuiltAgainWhenNothingChanged() throws Exception {
    for (int i = 0; i < 200; i++) { // warm up
      f.forge.openChanges(REPO);
    }
    LocalChange template = f.store.get(REPO, 1).orElseThrow();
    List<LocalChange> many = new java.util.ArrayList<>();
    for (long n = 1; n <= 10_000; n++) {
      many.add(
          new LocalChange(
              n,
              REPO,
              "t",
              "alice",
              "feature",
              "main",
              false,
              LocalChange.State.OPEN,
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              template.headSha(),
              NOW,
              NOW,
              NOW,
              ""));
    }
    java.nio.file.Path file = dir.resolve("many.json");
    new StateFile(file)
        .save(
            new ForgeState(
                ForgeState.VERSION, 0, java.util.Map.of(REPO, new ForgeState.Repo(10_000, many))));
    LocalForge forge =
        new LocalForge(
            new LocalForgeStore(file),
            f.reposDir,
            BOT,
            java.time.Clock.systemUTC(),
            r -> java.util.Optional.empty());
    List<ForgeChange> first = forge.openChanges(REPO);
    assertThat(first).hasSize(10_000);

    // Nothing changed: the whole listing comes back as it was, so nothing was folded or merged
    // again. What that costs is ReconcileBench's to measure; timing it here could only flake.
    assertThat(forge.openChanges(REPO)).isSameAs(first);

    forge.comment(REPO, 7, "n1", "a note");
    List<ForgeChange> after = forge.openChanges(REPO);
    int rebuilt = 0;
    for (int i = 0; i < after.size(); i++) {
      rebuilt += after.get(i) == first.get(i) ? 0 : 1;
    }
    assertThat(rebuilt).as("only the commented change is built again").isEqualTo(1);
  }

  @Test
  void theSummaryIsOneBotCommentEditedInPlaceAndNeverACommand() throws Exception {
    f.forge.upsertSummary(REPO, 1, "jobs: pending\n/hold was quoted");
    f.forge.upsertSummary(REPO, 1, "jobs: done\n/hold was quoted");
    f.forge.comment(REPO, 1, "not-merged@abc", "merge refused");
    LocalChange stored = f.store.get(REPO, 1).orElseThrow();
    assertThat(stored.comments())
        .extracting(Comment::author, Comment::body)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(
                BOT, LocalForge.SUMMARY_MARKER + "\njobs: done\n/hold was quoted"),
            org.assertj.core.api.Assertions.tuple(
                BOT, "<!-- ci-orchestrator:note not-merged@abc -->\nmerge refused"));
    ForgeChange c = only();
    assertThat(c.summary()).isEqualTo("jobs: done\n/hold was quoted");
    assertThat(c.labels()).isEmpty();
  }

  @Test
  void aNoteIsWrittenOncePerKeyEvenByANewForgeOnTheSameStore() throws Exception {
    f.forge.comment(REPO, 1, "not-merged@abc", "Not merged: conflict");
    f.forge.flush();
    LocalForge restarted = restarted();
    restarted.comment(REPO, 1, "not-merged@abc", "Not merged: conflict");
    restarted.comment(REPO, 1, "not-merged@def", "Not merged: conflict");
    restarted.flush();

    assertThat(new LocalForgeStore(f.stateFile).get(REPO, 1).orElseThrow().comments())
        .extracting(Comment::body)
        .containsExactly(
            "<!-- ci-orchestrator:note not-merged@abc -->\nNot merged: conflict",
            "<!-- ci-orchestrator:note not-merged@def -->\nNot merged: conflict");
  }

  @Test
  void labelsAndAcknowledgementsGoToTheStore() throws Exception {
    f.forge.setLabel(REPO, 1, "lgtm", true);
    f.forge.setLabel(REPO, 1, "lgtm", true);
    f.forge.acknowledge(REPO, 1, "c9");
    LocalChange stored = f.store.get(REPO, 1).orElseThrow();
    assertThat(stored.labels()).containsExactly("lgtm");
    assertThat(stored.acknowledged()).containsExactly("c9");
  }

  @Test
  void branchesAreEveryHeadWithItsTip() throws Exception {
    assertThat(f.forge.branches(REPO))
        .containsExactly(
            java.util.Map.entry("feature", head), java.util.Map.entry("main", f.tip("main")));
  }

  @Test
  void checkoutIsTheRepositoryOrAnErrorNamingThePath() throws Exception {
    assertThat(f.forge.checkout(REPO)).isEqualTo(f.bare);
    assertThatThrownBy(() -> f.forge.checkout("demo/none"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(f.reposDir.resolve("demo/none.git").toAbsolutePath().toString());
    assertThatThrownBy(() -> f.forge.openChanges("demo/none")).isInstanceOf(IOException.class);
  }

  @Test
  void aWorkingTreeCloneIsAcceptedWhenNoBareRepositoryExists() throws Exception {
    TestGitRepo clone = TestGitRepo.init(f.reposDir.resolve("demo/tree"));
    clone.commit("main", TestGitRepo.files("x", "x\n"));
    clone.close();
    assertThat(LocalRepos.path(f.reposDir, "demo/tree")).isEqualTo(f.reposDir.resolve("demo/tree"));
    assertThat(f.forge.branches("demo/tree")).containsOnlyKeys("main");
  }
}
