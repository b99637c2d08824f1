package dev.ciorchestrator.forge.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.scenario.ScenarioLoop;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub held against shapes its published API description allows but the happy path never shows: a
 * {@code user} that is null, comments without the optional {@code reactions} rollup, a 422 whose
 * reason is in {@code errors[]}, a 200 merge answer without {@code merged}, and a refused merge
 * across a restart. The shapes come from the fake, written from the description (never copied).
 */
class GitHubPublishedShapesTest {
  private static final String REPO = GitHubWorld.REPO;
  private static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/app
      forge: gh
      defaultBranch: main
      merge: {auto: true, method: squash}
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: build
      repos: [acme/app]
      triggers: {pullRequest: {branches: [main]}}
      run: "test -f src/app.txt"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: require-approval
      type: gate
      repos: ["*"]
      rule: "size(change.approvals) >= 1"
      message: "'needs 1 approval'"
      """;

  @TempDir Path dir;
  private GitHubWorld world;
  private FakeGitHub github;

  @BeforeEach
  void setUp() throws Exception {
    world = new GitHubWorld(dir.resolve("world"));
    github = world.github;
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private Map<String, Forge> forges(ConfigSnapshot config) {
    return Map.of("gh", world.forge(config.repository(REPO).orElseThrow()));
  }

  private List<FakeGitHub.CommentData> notMerged(long n) {
    return github.comments(REPO, n).stream()
        .filter(c -> GitHubWorld.BOT.equals(c.login()))
        .filter(c -> c.body().contains("Not merged"))
        .toList();
  }

  @Test
  void aReviewOrCommentByNobodyNeverApprovesSoTheChangeDoesNotMerge() throws Exception {
    long n = world.openFeature("alice");
    github.review(REPO, n, null, "APPROVED", world.featureSha);
    github.comment(REPO, n, null, "/approve\n/ok-to-test\n/test build");
    try (ScenarioLoop loop = new ScenarioLoop(dir.resolve("loop"), CONFIG, this::forges)) {
      loop.pollUntil(
          REPO,
          "ci/build succeeded",
          () ->
              github.statuses(REPO, world.featureSha).stream()
                  .anyMatch(s -> s.context().equals("ci/build") && s.state().equals("success")));
      loop.passes(REPO, 3);
    }
    ForgeChange fc =
        world.forge(GitHubWorld.repository(MergeMethod.SQUASH, "alice")).openChanges(REPO).get(0);
    assertThat(fc.state().change().approvals()).isEmpty();
    assertThat(fc.state().requests()).as("nobody's /test").isEmpty();
    assertThat(github.merges()).isEmpty();
  }

  @Test
  void aServedTestIsNotServedAgainAfterARestartWithoutTheReactionsRollup() throws Exception {
    github.reactionRollups(false);
    long n = world.openFeature("alice");
    github.comment(REPO, n, "alice", "/test build");
    var config = GitHubWorld.repository(MergeMethod.SQUASH, "alice");
    GitHubForge before = world.forge(config);
    List<ForgeChange> first = before.openChanges(REPO);
    assertThat(first.get(0).state().requests()).hasSize(1);
    before.acknowledge(REPO, n, first.get(0).state().requests().get(0).id());

    GitHubForge restarted = world.forge(config);
    assertThat(restarted.openChanges(REPO).get(0).state().requests())
        .as("the bot's 👀 is found in the reactions list")
        .isEmpty();
  }

  @Test
  void aRefusedMergeIsNeitherSentAgainNorSaidTwiceAfterARestart() throws Exception {
    long n = world.openFeature("alice");
    github.setMergeable(REPO, n, false);
    github.comment(REPO, n, "bob", "/approve");
    try (ScenarioLoop loop = new ScenarioLoop(dir.resolve("loop"), CONFIG, this::forges)) {
      loop.pollUntil(REPO, "the merge is tried", () -> !github.merges().isEmpty());
      loop.passes(REPO, 2);
      assertThat(github.merges())
          .singleElement()
          .satisfies(m -> assertThat(m.status()).isEqualTo(405));
      assertThat(notMerged(n)).hasSize(1);

      loop.restart(this::forges);
      loop.passes(REPO, 4);
    }
    assertThat(github.merges()).as("no second merge after the restart").hasSize(1);
    assertThat(notMerged(n)).as("no second 'Not merged' note").hasSize(1);
  }

  @Test
  void a422SaysGitHubsOwnReasonNotValidationFailed() throws Exception {
    long n = world.openFeature("alice");
    github.disallowMerge("squash");
    GitHubForge forge = world.forge(GitHubWorld.repository(MergeMethod.SQUASH, "alice"));
    forge.openChanges(REPO);
    MergeResult r = forge.merge(REPO, n, world.featureSha, MergeMethod.SQUASH);
    assertThat(r.merged()).isFalse();
    assertThat(r.reason())
        .contains("422")
        .contains("Squash merges are not allowed on this repository.");
  }

  @Test
  void aMergeAnswerWithoutMergedIsCheckedOnThePullRequest() throws Exception {
    long n = world.openFeature("alice");
    github.mergedField(false);
    GitHubForge forge = world.forge(GitHubWorld.repository(MergeMethod.SQUASH, "alice"));
    forge.openChanges(REPO);
    github.resetCounters();
    MergeResult r = forge.merge(REPO, n, world.featureSha, MergeMethod.SQUASH);
    assertThat(r.merged()).isTrue();
    assertThat(r.sha()).as("the merge commit the pull request shows").hasSize(40);
    assertThat(github.log())
        .as("the answer lacked 'merged', so the pull request was read again")
        .containsExactly(
            "PUT /repos/acme/app/pulls/" + n + "/merge", "GET /repos/acme/app/pulls/" + n);
  }
}
