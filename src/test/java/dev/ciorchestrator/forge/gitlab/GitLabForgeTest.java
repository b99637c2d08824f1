package dev.ciorchestrator.forge.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.command.RequestId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GitLab adapter against {@link FakeGitLab}: reading merge requests and every write. */
class GitLabForgeTest {
  private static final String REPO = GitLabWorld.REPO;
  @TempDir Path dir;
  private GitLabWorld world;
  private FakeGitLab gitlab;
  private final Repository config = GitLabWorld.repository(MergeMethod.SQUASH, "alice");

  @BeforeEach
  void setUp() throws Exception {
    world = new GitLabWorld(dir);
    gitlab = world.gitlab;
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void listsAnOpenMergeRequestWithFilesApprovalsNotesLabelsAndStatuses() throws Exception {
    long n = world.openFeature("alice");
    gitlab.note(REPO, n, "bob", "/approve");
    gitlab.approve(REPO, n, "carol");
    GitLabForge forge = world.forge(config);
    forge.setLabel(REPO, n, "needs-ok-to-test", true);
    forge.setStatus(
        REPO, world.featureSha, new CommitStatus("ci/build", CommitStatus.State.SUCCESS, "ok", ""));

    List<ForgeChange> open = forge.openChanges(REPO);

    assertThat(open).hasSize(1);
    ForgeChange fc = open.get(0);
    Change c = fc.state().change();
    assertThat(c.number()).isEqualTo(n);
    assertThat(c.author()).isEqualTo("alice");
    assertThat(c.baseRef()).isEqualTo("main");
    assertThat(c.baseSha()).isEqualTo(world.mainSha);
    assertThat(c.headRef()).isEqualTo("feature");
    assertThat(c.headSha()).isEqualTo(world.featureSha);
    assertThat(c.files()).containsExactly("src/app.txt");
    assertThat(c.mergeable()).isTrue();
    assertThat(c.approvals()).containsExactly("bob", "carol");
    assertThat(fc.labels()).containsExactly("needs-ok-to-test");
    assertThat(fc.statuses())
        .containsEntry(
            "ci/build", new CommitStatus("ci/build", CommitStatus.State.SUCCESS, "ok", ""));
  }

  @Test
  void anUnchangedProjectCostsOneListingByTimeAndGivesTheSameInstances() throws Exception {
    for (int i = 0; i < 3; i++) {
      world.openFeature("alice");
    }
    GitLabForge forge = world.forge(config);
    List<ForgeChange> first = forge.openChanges(REPO);
    gitlab.resetCounters();

    List<ForgeChange> second = forge.openChanges(REPO);

    assertThat(second).isSameAs(first);
    assertThat(gitlab.log()).hasSize(1);
    assertThat(gitlab.log().get(0))
        .startsWith("GET /projects/acme%2Fapp/merge_requests?state=all")
        .contains("updated_after=");
  }

  @Test
  void aNewNoteIsSeenAndOnlyThatMergeRequestIsReadAgain() throws Exception {
    long a = world.openFeature("alice");
    long b = world.openFeature("alice");
    GitLabForge forge = world.forge(config);
    List<ForgeChange> first = forge.openChanges(REPO);
    gitlab.note(REPO, b, "bob", "/hold");
    gitlab.resetCounters();

    List<ForgeChange> second = forge.openChanges(REPO);

    assertThat(second.get(0)).isSameAs(first.get(0));
    assertThat(second.get(1).labels()).contains(Names.HOLD_LABEL);
    assertThat(gitlab.labels(REPO, b)).containsExactly(Names.HOLD_LABEL);
    assertThat(gitlab.log()).noneMatch(l -> l.contains("/merge_requests/" + a));
  }

  @Test
  void aClosedMergeRequestLeavesTheListingBetweenFullRefreshes() throws Exception {
    long n = world.openFeature("alice");
    GitLabForge forge = world.forge(config);
    assertThat(forge.openChanges(REPO)).hasSize(1);
    gitlab.close(REPO, n);
    assertThat(forge.openChanges(REPO)).isEmpty();
  }

  @Test
  void statusesAreMappedAndTheSameRunningStatusTwiceIsNotAnError() throws Exception {
    world.openFeature("alice");
    GitLabForge forge = world.forge(config);
    forge.openChanges(REPO);
    CommitStatus running =
        new CommitStatus("ci/build", CommitStatus.State.PENDING, "running build", "");
    forge.setStatus(REPO, world.featureSha, running);
    forge.setStatus(REPO, world.featureSha, running); // GitLab: 400 Cannot transition status
    forge.setStatus(
        REPO, world.featureSha, new CommitStatus("ci/gate", CommitStatus.State.FAILURE, "no", ""));
    forge.setStatus(
        REPO, world.featureSha, new CommitStatus("ci/x", CommitStatus.State.ERROR, "broke", ""));

    assertThat(gitlab.statuses(REPO, world.featureSha))
        .extracting(FakeGitLab.StatusData::name, FakeGitLab.StatusData::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ci/build", "running"),
            org.assertj.core.groups.Tuple.tuple("ci/gate", "failed"),
            org.assertj.core.groups.Tuple.tuple("ci/x", "canceled"));
    assertThat(gitlab.statuses(REPO, world.featureSha)).allMatch(s -> s.ref().equals("feature"));
  }

  @Test
  void aForksMergeRequestHasItsStatusesPostedToTheSourceProject() throws Exception {
    gitlab.openFrom(
        REPO,
        "mallory/app",
        "mallory",
        "From a fork",
        "patch",
        world.featureSha,
        "main",
        List.of("src/app.txt"));
    GitLabForge forge = world.forge(config);
    forge.openChanges(REPO);
    forge.setStatus(
        REPO, world.featureSha, new CommitStatus("ci/gate", CommitStatus.State.PENDING, "", ""));
    assertThat(gitlab.statuses("mallory/app", world.featureSha))
        .singleElement()
        .satisfies(s -> assertThat(s.ref()).isEqualTo("patch"));
    assertThat(gitlab.statuses(REPO, world.featureSha)).isEmpty();
  }

  @Test
  void theSummaryIsOneNoteUpdatedInPlace() throws Exception {
    long n = world.openFeature("alice");
    GitLabForge forge = world.forge(config);
    forge.openChanges(REPO);
    forge.upsertSummary(REPO, n, "first");
    forge.openChanges(REPO);
    forge.upsertSummary(REPO, n, "second");
    List<FakeGitLab.NoteData> mine =
        gitlab.notes(REPO, n).stream().filter(x -> x.author().equals(GitLabWorld.BOT)).toList();
    assertThat(mine).singleElement().satisfies(x -> assertThat(x.body()).contains("second"));
    assertThat(forge.openChanges(REPO).get(0).summary()).contains("second");
  }

  @Test
  void aServedRequestGetsTheBotsEyesOnceAndSurvivesARestart() throws Exception {
    long n = world.openFeature("alice");
    long note = gitlab.note(REPO, n, "alice", "/test build");
    GitLabForge forge = world.forge(config);
    ForgeChange fc = forge.openChanges(REPO).get(0);
    assertThat(fc.state().requests()).hasSize(1);
    String id = fc.state().requests().get(0).id();
    assertThat(RequestId.commentOf(id)).isEqualTo(Long.toString(note));

    forge.acknowledge(REPO, n, id);
    forge.acknowledge(REPO, n, id);
    GitLabForge restarted = world.forge(config);
    restarted.acknowledge(REPO, n, id); // 404 "already taken", then the emoji list says it is ours

    assertThat(gitlab.emoji(REPO, n, note, "eyes")).containsExactly(GitLabWorld.BOT);
    assertThat(restarted.openChanges(REPO).get(0).state().requests()).isEmpty();
  }

  @Test
  void mergesWithTheHeadShaAndSquashAsAsked() throws Exception {
    long n = world.openFeature("alice");
    GitLabForge forge = world.forge(config);
    forge.openChanges(REPO);
    MergeResult r = forge.merge(REPO, n, world.featureSha, MergeMethod.SQUASH);
    assertThat(r.merged()).as(r.reason()).isTrue();
    assertThat(gitlab.merges())
        .containsExactly(new FakeGitLab.MergeCall(REPO, n, world.featureSha, true, 200));
    assertThat(gitlab.merged(REPO, n)).isTrue();
  }

  @Test
  void aPushSinceTheGateIsRefusedWithGitLabsReason() throws Exception {
    long n = world.openFeature("alice");
    GitLabForge forge = world.forge(config);
    forge.openChanges(REPO);
    gitlab.push(REPO, n, "3333333333333333333333333333333333333333");
    MergeResult r = forge.merge(REPO, n, world.featureSha, MergeMethod.MERGE);
    assertThat(r.merged()).isFalse();
    assertThat(r.later()).isFalse();
    assertThat(r.reason()).contains("409").contains("SHA does not match HEAD");
  }

  @Test
  void aMergeWhileGitLabStillChecksIsTriedAgainLaterAndADraftIsRefused() throws Exception {
    long n = world.openFeature("alice");
    gitlab.mergeStatus(REPO, n, "checking");
    GitLabForge forge = world.forge(config);
    forge.openChanges(REPO);
    MergeResult checking = forge.merge(REPO, n, world.featureSha, MergeMethod.MERGE);
    assertThat(checking.later()).as(checking.reason()).isTrue();

    gitlab.mergeStatus(REPO, n, "mergeable");
    gitlab.draft(REPO, n, true);
    forge.openChanges(REPO);
    MergeResult draft = forge.merge(REPO, n, world.featureSha, MergeMethod.MERGE);
    assertThat(draft.merged()).isFalse();
    assertThat(draft.later()).isFalse();
    assertThat(draft.reason()).contains("405");
  }

  @Test
  void premiumApprovalRulesStillWantingApprovalsMakeItNotMergeable() throws Exception {
    gitlab.premium(true);
    long n = world.openFeature("alice");
    GitLabForge forge = world.forge(config);
    assertThat(forge.openChanges(REPO).get(0).state().change().mergeable()).isFalse();
    gitlab.approve(REPO, n, "carol");
    assertThat(forge.openChanges(REPO).get(0).state().change().mergeable()).isTrue();
  }

  @Test
  void aMemberWithDeveloperAccessIsTrustedAndAReporterIsNot() throws Exception {
    gitlab.member(REPO, "dave", 30);
    gitlab.member(REPO, "erin", 20);
    long dave = world.openFeature("dave");
    long erin = world.openFeature("erin");
    GitLabForge forge = world.forge(config);
    List<ForgeChange> open = forge.openChanges(REPO);
    assertThat(open.get(0).state().change().number()).isEqualTo(dave);
    assertThat(open.get(0).state().okToTest()).isTrue();
    assertThat(open.get(1).state().change().number()).isEqualTo(erin);
    assertThat(open.get(1).state().okToTest()).isFalse();
  }

  @Test
  void branchesAreListedWithTheirHeads() throws Exception {
    GitLabForge forge = world.forge(config);
    assertThat(forge.branches(REPO))
        .containsEntry("main", world.mainSha)
        .containsEntry("feature", world.featureSha);
  }

  @Test
  void aProjectPathThatIsNotOneIsRefusedBeforeAnyRequest() {
    GitLabForge forge = world.forge(config);
    assertThatThrownBy(() -> forge.openChanges("../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a GitLab project path");
    assertThat(gitlab.requests()).isZero();
  }
}
