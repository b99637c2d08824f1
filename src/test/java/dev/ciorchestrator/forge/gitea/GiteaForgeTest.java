package dev.ciorchestrator.forge.gitea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gitea adapter against {@link FakeGitea}: reading pull requests, every write, faults. */
class GiteaForgeTest {
  private static final String REPO = GiteaWorld.REPO;
  private static final String PULLS = "GET /repos/acme/app/pulls";
  @TempDir Path dir;
  private GiteaWorld world;
  private FakeGitea gitea;
  private final Repository config = GiteaWorld.repository(MergeMethod.SQUASH, "alice");

  @BeforeEach
  void setUp() throws Exception {
    world = new GiteaWorld(dir);
    gitea = world.gitea;
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void listsAnOpenPullRequestWithFilesReviewsCommentsLabelsAndStatuses() throws Exception {
    long n = world.openFeature("alice");
    gitea.comment(REPO, n, "bob", "/approve");
    gitea.review(REPO, n, "carol", "APPROVED", world.featureSha);
    gitea.review(REPO, n, "dave", "APPROVED", "0000000000000000000000000000000000000000");
    GiteaForge forge = world.forge(config);
    forge.setLabel(REPO, n, "needs-ok-to-test", true);
    forge.setStatus(
        REPO, world.featureSha, new CommitStatus("ci/build", CommitStatus.State.SUCCESS, "ok", ""));

    ForgeChange fc = forge.openChanges(REPO).get(0);

    Change c = fc.state().change();
    assertThat(c.number()).isEqualTo(n);
    assertThat(c.author()).isEqualTo("alice");
    assertThat(c.baseRef()).isEqualTo("main");
    assertThat(c.baseSha()).isEqualTo(world.mainSha);
    assertThat(c.headRef()).isEqualTo("feature");
    assertThat(c.headSha()).isEqualTo(world.featureSha);
    assertThat(c.files()).containsExactly("src/app.txt");
    assertThat(c.mergeable()).isTrue();
    // dave reviewed an older head: with dismissOnPush his approval does not count
    assertThat(c.approvals()).containsExactly("bob", "carol");
    assertThat(fc.labels()).containsExactly("needs-ok-to-test");
    assertThat(fc.statuses())
        .containsEntry(
            "ci/build", new CommitStatus("ci/build", CommitStatus.State.SUCCESS, "ok", ""));
  }

  @Test
  void anUnchangedRepositoryCostsOneListingPageAndGivesTheSameInstances() throws Exception {
    for (int i = 0; i < 3; i++) {
      world.openFeature("alice");
    }
    GiteaForge forge = world.forge(config);
    List<ForgeChange> first = forge.openChanges(REPO);
    gitea.resetCounters();
    List<ForgeChange> second = forge.openChanges(REPO);
    assertThat(second).isSameAs(first);
    assertThat(gitea.log()).containsExactly(PULLS + "?state=open&sort=oldest&limit=50");
  }

  @Test
  void aNewCommandIsSeenAndOnlyThatPullRequestIsReadAgain() throws Exception {
    long a = world.openFeature("alice");
    long b = world.openFeature("alice");
    GiteaForge forge = world.forge(config);
    List<ForgeChange> first = forge.openChanges(REPO);
    gitea.comment(REPO, b, "bob", "/hold");
    gitea.resetCounters();
    List<ForgeChange> second = forge.openChanges(REPO);
    assertThat(second.get(0)).isSameAs(first.get(0));
    assertThat(second.get(1).labels()).contains(Names.HOLD_LABEL);
    assertThat(gitea.labels(REPO, b)).containsExactly(Names.HOLD_LABEL);
    assertThat(gitea.log()).noneMatch(l -> l.contains("/pulls/" + a + "/"));
  }

  @Test
  void statusesUseGiteasStatesAndTheSummaryIsOneCommentUpdatedInPlace() throws Exception {
    long n = world.openFeature("alice");
    GiteaForge forge = world.forge(config);
    forge.openChanges(REPO);
    forge.setStatus(
        REPO, world.featureSha, new CommitStatus("ci/gate", CommitStatus.State.FAILURE, "no", ""));
    forge.setStatus(
        REPO, world.featureSha, new CommitStatus("ci/x", CommitStatus.State.ERROR, "broke", ""));
    assertThat(gitea.statuses(REPO, world.featureSha))
        .extracting(FakeGitea.StatusData::state)
        .containsExactly("failure", "error");
    forge.upsertSummary(REPO, n, "first");
    forge.openChanges(REPO);
    forge.upsertSummary(REPO, n, "second");
    assertThat(gitea.comments(REPO, n))
        .singleElement()
        .satisfies(c -> assertThat(c.body()).contains("second"));
  }

  @Test
  void aServedRequestGetsTheBotsEyesAndIsNotServedAgainAfterARestart() throws Exception {
    long n = world.openFeature("alice");
    long comment = gitea.comment(REPO, n, "alice", "/test build");
    GiteaForge forge = world.forge(config);
    ForgeChange fc = forge.openChanges(REPO).get(0);
    String id = fc.state().requests().get(0).id();
    forge.acknowledge(REPO, n, id);
    assertThat(gitea.reactions(comment, "eyes")).containsExactly(GiteaWorld.BOT);
    assertThat(world.forge(config).openChanges(REPO).get(0).state().requests()).isEmpty();
  }

  @Test
  void mergesWithDoAndTheHeadCommit() throws Exception {
    long n = world.openFeature("alice");
    GiteaForge forge = world.forge(config);
    forge.openChanges(REPO);
    MergeResult r = forge.merge(REPO, n, world.featureSha, MergeMethod.SQUASH);
    assertThat(r.merged()).as(r.reason()).isTrue();
    assertThat(r.sha()).hasSize(40);
    assertThat(gitea.merges())
        .containsExactly(new FakeGitea.MergeCall(REPO, n, "squash", world.featureSha, 200));
  }

  @Test
  void aHeadOutOfDateIsARefusalNeverRetriedAndCheckingIsLater() throws Exception {
    long n = world.openFeature("alice");
    GiteaForge forge = world.forge(config);
    forge.openChanges(REPO);
    gitea.checking(REPO, n, true);
    assertThat(forge.merge(REPO, n, world.featureSha, MergeMethod.MERGE).later()).isTrue();
    gitea.checking(REPO, n, false);
    gitea.push(REPO, n, "3333333333333333333333333333333333333333");
    MergeResult r = forge.merge(REPO, n, world.featureSha, MergeMethod.MERGE);
    assertThat(r.merged()).isFalse();
    assertThat(r.later()).isFalse();
    assertThat(r.reason()).contains("409").contains("head out of date");
    assertThat(gitea.merges()).hasSize(2);
  }

  @Test
  void collaboratorsOrgMembersAndTheOwnerAreTrusted() throws Exception {
    gitea.collaborator(REPO, "dave");
    gitea.orgMember("acme", "erin");
    long dave = world.openFeature("dave");
    long erin = world.openFeature("erin");
    long frank = world.openFeature("frank");
    List<ForgeChange> open = world.forge(config).openChanges(REPO);
    assertThat(open)
        .extracting(fc -> fc.state().change().number())
        .containsExactly(dave, erin, frank);
    assertThat(open).extracting(fc -> fc.state().okToTest()).containsExactly(true, true, false);
  }

  @Test
  void faultsAreRetriedOrNamedWithoutTheToken() throws Exception {
    world.openFeature("alice");
    gitea.failNext(PULLS, 2, 503);
    assertThat(world.forge(config).openChanges(REPO)).hasSize(1);
    gitea.rateLimitNext(PULLS, 7);
    GiteaForge again = world.forge(config);
    assertThat(again.openChanges(REPO)).hasSize(1);
    assertThat(world.slept).contains(java.time.Duration.ofSeconds(7));
    gitea.malformedNext(PULLS);
    assertThatThrownBy(() -> world.forge(config).openChanges(REPO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/pulls")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(GiteaWorld.TOKEN));
    TestGiteaConnection wrong = world.connection();
    wrong.token = "wrong";
    assertThatThrownBy(() -> world.forge(wrong, config, ForgeApiMetrics.NONE).openChanges(REPO))
        .hasMessageContaining("401");
  }

  @Test
  void followsPagesFiftyAtATime() throws Exception {
    for (int i = 0; i < 120; i++) {
      gitea.openPull(REPO, "alice", "t", "feature", world.featureSha, "main", List.of());
    }
    assertThat(world.forge(config).openChanges(REPO)).hasSize(120);
    assertThat(gitea.log().stream().filter(l -> l.startsWith(PULLS + "?"))).hasSize(3);
  }
}
