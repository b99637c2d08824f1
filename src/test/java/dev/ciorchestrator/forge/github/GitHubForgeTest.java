package dev.ciorchestrator.forge.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.Markers;
import dev.ciorchestrator.forge.MergeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter against {@link FakeGitHub}: reading pull requests and every write of the port. */
class GitHubForgeTest {
  private static final String REPO = GitHubWorld.REPO;
  @TempDir Path dir;
  private GitHubWorld world;
  private FakeGitHub github;
  private final Repository config = GitHubWorld.repository(MergeMethod.SQUASH, "alice");

  @BeforeEach
  void setUp() throws Exception {
    world = new GitHubWorld(dir);
    github = world.github;
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void listsAnOpenPullRequestWithFilesReviewsCommentsLabelsAndStatuses() throws Exception {
    long n = world.openFeature("alice");
    github.comment(REPO, n, "bob", "/lgtm\n/approve");
    github.review(REPO, n, "carol", "APPROVED", world.featureSha);
    github.review(REPO, n, "dave", "APPROVED", "0000000000000000000000000000000000000000");
    GitHubForge forge = world.forge(config);
    forge.setLabel(REPO, n, "needs-ok-to-test", true);
    forge.setStatus(
        REPO, world.featureSha, new CommitStatus("ci/build", CommitStatus.State.SUCCESS, "ok", ""));

    List<ForgeChange> open = forge.openChanges(REPO);

    assertThat(open).hasSize(1);
    ForgeChange fc = open.get(0);
    Change c = fc.state().change();
    assertThat(c.number()).isEqualTo(n);
    assertThat(c.author()).isEqualTo("alice");
    assertThat(c.title()).isEqualTo("Add the feature");
    assertThat(c.baseRef()).isEqualTo("main");
    assertThat(c.baseSha()).isEqualTo(world.mainSha);
    assertThat(c.headRef()).isEqualTo("feature");
    assertThat(c.headSha()).isEqualTo(world.featureSha);
    assertThat(c.files()).containsExactly("src/app.txt");
    assertThat(c.mergeable()).isTrue();
    // dave reviewed an older head, so with dismissOnPush his approval does not count
    assertThat(c.approvals()).containsExactly("bob", "carol");
    assertThat(fc.labels()).containsExactly("needs-ok-to-test");
    assertThat(fc.statuses())
        .containsEntry(
            "ci/build", new CommitStatus("ci/build", CommitStatus.State.SUCCESS, "ok", ""));
    assertThat(fc.summary()).isEmpty();
  }

  @Test
  void anUnchangedRepositoryCostsOnlyConditionalRequestsAndGivesTheSameInstances()
      throws Exception {
    for (int i = 0; i < 3; i++) {
      world.openFeature("alice");
    }
    GitHubForge forge = world.forge(config);
    List<ForgeChange> first = forge.openChanges(REPO);
    github.resetCounters();

    List<ForgeChange> second = forge.openChanges(REPO);

    assertThat(second).isSameAs(first);
    assertThat(github.requests()).isEqualTo(1); // the pull request list, one page
    assertThat(github.costed()).isZero();
    assertThat(github.notModified()).isEqualTo(1);
  }

  @Test
  void aNewCommentIsSeenAndOnlyThatPullRequestIsReadAgain() throws Exception {
    long a = world.openFeature("alice");
    long b = world.openFeature("alice");
    GitHubForge forge = world.forge(config);
    List<ForgeChange> first = forge.openChanges(REPO);
    github.comment(REPO, b, "bob", "/hold");
    github.resetCounters();

    List<ForgeChange> second = forge.openChanges(REPO);

    assertThat(second.get(0)).isSameAs(first.get(0));
    assertThat(second.get(1)).isNotSameAs(first.get(1));
    assertThat(second.get(1).labels()).contains(Names.HOLD_LABEL);
    assertThat(github.labels(REPO, b)).containsExactly(Names.HOLD_LABEL);
    assertThat(github.log()).noneMatch(l -> l.contains("/pulls/" + a + "/"));
  }

  @Test
  void holdAndUnholdCommentsSetAndClearTheHoldLabelOnce() throws Exception {
    long n = world.openFeature("alice");
    GitHubForge forge = world.forge(config);
    github.comment(REPO, n, "bob", "/hold");
    forge.openChanges(REPO);
    assertThat(github.labels(REPO, n)).containsExactly("hold");
    github.comment(REPO, n, "bob", "/unhold");
    assertThat(forge.openChanges(REPO).get(0).state().change().labels()).doesNotContain("hold");
    assertThat(github.labels(REPO, n)).isEmpty();
    assertThat(github.log().stream().filter(l -> l.contains("/labels")).count()).isEqualTo(2);
  }

  @Test
  void theSummaryIsOneCommentFoundAgainByItsMarkerEvenAfterARestart() throws Exception {
    long n = world.openFeature("alice");
    github.comment(REPO, n, "mallory", Markers.SUMMARY + "\nfake summary by a person");
    GitHubForge forge = world.forge(config);
    forge.openChanges(REPO);

    forge.upsertSummary(REPO, n, "first");
    forge.upsertSummary(REPO, n, "second");
    GitHubForge restarted = world.forge(config);
    restarted.openChanges(REPO); // the loop always lists before it reports
    restarted.upsertSummary(REPO, n, "third");

    List<FakeGitHub.CommentData> ours =
        github.comments(REPO, n).stream().filter(c -> c.login().equals(GitHubWorld.BOT)).toList();
    assertThat(ours).hasSize(1);
    assertThat(ours.get(0).body()).startsWith(Markers.SUMMARY + "\nthird\n<!-- ");
    assertThat(restarted.openChanges(REPO).get(0).summary()).isEqualTo("third");
  }

  @Test
  void aRestartReadsWhenItSawTheHeadAndWhichHoldItAppliedFromTheSummarysTrailer() throws Exception {
    long n = world.openFeature("alice");
    github.comment(REPO, n, "bob", "/hold");
    GitHubForge forge = world.forge(config);
    assertThat(forge.openChanges(REPO).get(0).summary()).isEmpty();
    assertThat(github.labels(REPO, n)).containsExactly("hold");
    forge.upsertSummary(REPO, n, "the summary");
    assertThat(github.comments(REPO, n).get(1).body())
        .startsWith(Markers.SUMMARY + "\nthe summary\n<!-- ci-orchestrator:github head=")
        .contains(" sight=first hold=on:");
    assertThat(forge.openChanges(REPO).get(0).summary()).isEqualTo("the summary");

    world.forge(config).setLabel(REPO, n, "hold", false); // someone lifts it by hand
    github.advance(Duration.ofMinutes(5));
    GitHubForge restarted = world.forge(config);

    ForgeChange after = restarted.openChanges(REPO).get(0);
    assertThat(github.labels(REPO, n)).as("the /hold is not applied twice").isEmpty();
    assertThat(after.summary())
        .as("its trailer is still what the adapter knows")
        .isEqualTo("the summary");
  }

  @Test
  void labelsAreAddedAndRemovedAndRepeatingIsANoOp() throws Exception {
    long n = world.openFeature("alice");
    GitHubForge forge = world.forge(config);
    forge.setLabel(REPO, n, "needs-ok-to-test", true);
    forge.openChanges(REPO);
    github.resetCounters();
    forge.setLabel(REPO, n, "needs-ok-to-test", true);
    assertThat(github.requests()).isZero();

    forge.setLabel(REPO, n, "needs-ok-to-test", false);
    forge.setLabel(REPO, n, "needs-ok-to-test", false); // GitHub's 404: already gone

    assertThat(github.labels(REPO, n)).isEmpty();
    assertThat(forge.openChanges(REPO).get(0).labels()).isEmpty();
  }

  @Test
  void aCommentIsPostedAsTheBot() throws Exception {
    long n = world.openFeature("alice");
    GitHubForge forge = world.forge(config);
    forge.comment(REPO, n, "not-merged@abc", "Not merged: conflict");
    assertThat(github.comments(REPO, n))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.login()).isEqualTo(GitHubWorld.BOT);
              assertThat(c.body())
                  .isEqualTo("<!-- ci-orchestrator:note not-merged@abc -->\nNot merged: conflict");
            });
  }

  @Test
  void aNoteIsPostedOncePerKeyEvenByARestartedAdapter() throws Exception {
    long n = world.openFeature("alice");
    world.forge(config).comment(REPO, n, "not-merged@abc", "Not merged: conflict");

    GitHubForge restarted = world.forge(config);
    restarted.comment(REPO, n, "not-merged@abc", "Not merged: conflict");
    restarted.comment(REPO, n, "not-merged@abc", "Not merged: the base moved");
    restarted.comment(REPO, n, "not-merged@def", "Not merged: conflict");

    assertThat(github.comments(REPO, n))
        .extracting(c -> c.body())
        .containsExactly(
            "<!-- ci-orchestrator:note not-merged@abc -->\nNot merged: the base moved",
            "<!-- ci-orchestrator:note not-merged@def -->\nNot merged: conflict");
    assertThat(github.log().stream().filter(l -> l.startsWith("PATCH"))).hasSize(1);
  }

  @Test
  void aTestRequestIsAcknowledgedWithAReactionThatARestartReadsBack() throws Exception {
    long n = world.openFeature("alice");
    long comment = github.comment(REPO, n, "alice", "/test build");
    GitHubForge forge = world.forge(config);
    ForgeChange before = forge.openChanges(REPO).get(0);
    assertThat(before.state().requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(Long.toString(comment));
              assertThat(r.job()).isEqualTo("build");
            });

    forge.acknowledge(REPO, n, Long.toString(comment));
    forge.acknowledge(REPO, n, Long.toString(comment));

    assertThat(github.reactions(comment, "eyes")).containsExactly(GitHubWorld.BOT);
    assertThat(forge.openChanges(REPO).get(0).state().requests()).isEmpty();
    assertThat(world.forge(config).openChanges(REPO).get(0).state().requests()).isEmpty();
  }

  @Test
  void mergeSendsTheMethodAndTheHeadShaAndReportsGitHubsRefusals() throws Exception {
    long n = world.openFeature("alice");
    GitHubForge forge = world.forge(config);
    forge.openChanges(REPO);

    MergeResult moved =
        forge.merge(REPO, n, "2222222222222222222222222222222222222222", MergeMethod.SQUASH);
    assertThat(moved.merged()).isFalse();
    assertThat(moved.reason()).contains("409").contains("Head branch was modified");

    github.setMergeable(REPO, n, false);
    MergeResult conflict = forge.merge(REPO, n, world.featureSha, MergeMethod.SQUASH);
    assertThat(conflict.merged()).isFalse();
    assertThat(conflict.reason()).contains("405").contains("not mergeable");

    github.setMergeable(REPO, n, true);
    MergeResult done = forge.merge(REPO, n, world.featureSha, MergeMethod.SQUASH);
    assertThat(done.merged()).isTrue();
    assertThat(done.sha()).isEqualTo(github.branchSha(REPO, "main").orElseThrow());
    // each refusal is one call: no retry loop
    assertThat(github.merges())
        .extracting(FakeGitHub.MergeCall::status)
        .containsExactly(409, 405, 200);
    assertThat(github.merges())
        .allSatisfy(m -> assertThat(m.method()).isEqualTo("squash"))
        .extracting(FakeGitHub.MergeCall::sha)
        .containsExactly(
            "2222222222222222222222222222222222222222", world.featureSha, world.featureSha);
    assertThat(forge.openChanges(REPO)).isEmpty();
  }

  @Test
  void fastForwardMovesTheBaseBranchOnlyToTheTestedHead() throws Exception {
    long n = world.openFeature("alice");
    GitHubForge forge = world.forge(config);
    forge.openChanges(REPO);
    assertThat(
            forge
                .merge(
                    REPO, n, "3333333333333333333333333333333333333333", MergeMethod.FAST_FORWARD)
                .merged())
        .isFalse();
    MergeResult done = forge.merge(REPO, n, world.featureSha, MergeMethod.FAST_FORWARD);
    assertThat(done.merged()).as(done.reason()).isTrue();
    assertThat(github.branchSha(REPO, "main")).contains(world.featureSha);
  }

  @Test
  void branchesAndTheCheckoutMirrorHoldEveryListedCommit() throws Exception {
    world.openFeature("alice");
    GitHubForge forge = world.forge(config);
    Path mirror = forge.checkout(REPO);
    assertThat(forge.branches(REPO))
        .containsEntry("main", world.mainSha)
        .containsEntry("feature", world.featureSha);
    forge.openChanges(REPO);
    int fetches = forge.fetches(REPO);
    forge.openChanges(REPO);
    assertThat(forge.fetches(REPO)).as("known SHAs cost no fetch").isEqualTo(fetches);

    String pushed = world.pushCommit("feature", "src/more.txt", "more\n");
    github.push(REPO, 1, pushed);
    assertThat(forge.openChanges(REPO).get(0).state().change().headSha()).isEqualTo(pushed);

    assertThat(Files.isDirectory(mirror.resolve("objects"))).isTrue();
    try (var repo = new FileRepositoryBuilder().setGitDir(mirror.toFile()).build()) {
      assertThat(repo.getObjectDatabase().has(ObjectId.fromString(pushed))).isTrue();
      assertThat(repo.getObjectDatabase().has(ObjectId.fromString(world.mainSha))).isTrue();
    }
  }

  @Test
  void aPullRequestWhoseMergeabilityIsStillBeingComputedIsAskedAgain() throws Exception {
    long n = world.openFeature("alice");
    github.setMergeable(REPO, n, null);
    GitHubForge forge = world.forge(config);
    assertThat(forge.openChanges(REPO).get(0).state().change().mergeable()).isFalse();
    github.setMergeable(REPO, n, true);
    assertThat(forge.openChanges(REPO).get(0).state().change().mergeable()).isTrue();
  }
}
