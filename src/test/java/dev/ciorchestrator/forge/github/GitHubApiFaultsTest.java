package dev.ciorchestrator.forge.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API economy and faults against {@link FakeGitHub}: pagination, conditional requests, rate limits
 * (waited out with the recording sleeper, never really), retried 5xx and timeouts, malformed JSON.
 */
class GitHubApiFaultsTest {
  private static final String REPO = GitHubWorld.REPO;
  private static final String PULLS = "GET /repos/" + REPO + "/pulls";
  @TempDir Path dir;
  private GitHubWorld world;
  private FakeGitHub github;
  private final Repository config = GitHubWorld.repository(MergeMethod.MERGE, "alice");

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
  void followsLinkPaginationAHundredAtATime() throws Exception {
    for (int i = 0; i < 250; i++) {
      world.openFeature("alice");
    }
    GitHubForge forge = world.forge(config);
    assertThat(forge.openChanges(REPO)).hasSize(250);
    assertThat(github.log().stream().filter(l -> l.startsWith(PULLS + "?")))
        .containsExactly(
            PULLS + "?state=open&sort=created&direction=asc&per_page=100",
            PULLS + "?state=open&sort=created&direction=asc&per_page=100&page=2",
            PULLS + "?state=open&sort=created&direction=asc&per_page=100&page=3");
  }

  @Test
  void aPullRequestOpenedWhenTheLastPageIsFullIsStillSeen() throws Exception {
    for (int i = 0; i < 100; i++) {
      world.openFeature("alice");
    }
    GitHubForge forge = world.forge(config);
    assertThat(forge.openChanges(REPO)).hasSize(100);
    // the first page keeps its body (oldest first), so it answers 304 with no "next" in the cache
    world.openFeature("alice");
    assertThat(forge.openChanges(REPO)).hasSize(101);
  }

  @Test
  void aNotModifiedAnswerIsReportedAsCachedAndCostsNothing() throws Exception {
    world.openFeature("alice");
    GitHubForge forge = world.forge(config);
    forge.openChanges(REPO);
    int costed = github.costed();
    int cachedBefore = world.metrics.cached.get();
    forge.openChanges(REPO);
    assertThat(github.costed()).isEqualTo(costed);
    assertThat(world.metrics.cached.get()).isEqualTo(cachedBefore + 1);
    assertThat(world.metrics.statuses).contains(304);
  }

  @Test
  void serverErrorsAreRetriedWithBackoffAndReported() throws Exception {
    world.openFeature("alice");
    github.failNext(PULLS, 2, 502);
    GitHubForge forge = world.forge(config);
    assertThat(forge.openChanges(REPO)).hasSize(1);
    assertThat(github.log().stream().filter(l -> l.startsWith(PULLS + "?")).count()).isEqualTo(3);
    assertThat(world.metrics.statuses).containsSubsequence(502, 502, 200);
  }

  @Test
  void persistentServerErrorsFailAfterTheConfiguredRetries() throws Exception {
    github.failNext(PULLS, 10, 503);
    TestConnection c = world.connection();
    c.retries = 2;
    GitHubForge forge = world.forge(c, config);
    assertThatThrownBy(() -> forge.openChanges(REPO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("GET /repos/acme/app/pulls")
        .hasMessageContaining("503");
    assertThat(github.log().stream().filter(l -> l.startsWith(PULLS + "?")).count()).isEqualTo(3);
  }

  @Test
  void aTimeoutIsRetried() throws Exception {
    world.openFeature("alice");
    github.slowNext(PULLS, Duration.ofSeconds(2));
    TestConnection c = world.connection();
    c.requestTimeout = Duration.ofMillis(300);
    GitHubForge forge = world.forge(c, config);
    assertThat(forge.openChanges(REPO)).hasSize(1);
    assertThat(world.metrics.statuses).contains(0); // the timed-out attempt had no answer
  }

  @Test
  void malformedJsonNamesTheEndpointAndTheProblem() throws Exception {
    world.openFeature("alice");
    github.malformedNext(PULLS);
    GitHubForge forge = world.forge(config);
    assertThatThrownBy(() -> forge.openChanges(REPO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("GET /repos/acme/app/pulls")
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void aSecondaryRateLimitIsWaitedOutForItsRetryAfter() throws Exception {
    world.openFeature("alice");
    github.secondaryLimitNext(PULLS, 42);
    GitHubForge forge = world.forge(config);
    assertThat(forge.openChanges(REPO)).hasSize(1);
    assertThat(world.slept).containsExactly(Duration.ofSeconds(42));
    assertThat(world.metrics.rateLimited.get()).isEqualTo(1);
  }

  @Test
  void anExhaustedRateLimitIsWaitedOutUntilItsReset() throws Exception {
    world.openFeature("alice");
    GitHubForge forge = world.forge(config);
    github.exhaustRateLimit(600);
    assertThat(forge.openChanges(REPO)).hasSize(1);
    assertThat(world.slept).hasSize(1);
    assertThat(world.slept.get(0)).isBetween(Duration.ofSeconds(590), Duration.ofSeconds(602));
    assertThat(world.metrics.rateLimited.get()).isEqualTo(1);
  }

  @Test
  void aRateLimitLongerThanTheLongestWaitFailsInsteadOfBlocking() throws Exception {
    world.openFeature("alice");
    TestConnection c = world.connection();
    c.maxRateLimitWait = Duration.ofMinutes(1);
    GitHubForge forge = world.forge(c, config);
    github.exhaustRateLimit(3600);
    assertThatThrownBy(() -> forge.openChanges(REPO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("rate limited");
    assertThat(world.slept).isEmpty();
  }

  @Test
  void aClientErrorIsNotRetriedAndCarriesGitHubsMessage() throws Exception {
    long n = world.openFeature("alice");
    github.failNext("POST /repos/acme/app/issues/" + n + "/labels", 1, 422);
    GitHubForge forge = world.forge(config);
    assertThatThrownBy(() -> forge.setLabel(REPO, n, "hold", true))
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining("POST /repos/acme/app/issues/" + n + "/labels answered 422")
        .hasMessageContaining("injected failure");
    assertThat(github.log().stream().filter(l -> l.contains("/labels")).count()).isEqualTo(1);
  }

  @Test
  void aCommentIsNotRetriedSoItCannotAppearTwice() throws Exception {
    long n = world.openFeature("alice");
    github.failNext("POST /repos/acme/app/issues/" + n + "/comments", 1, 502);
    GitHubForge forge = world.forge(config);
    assertThatThrownBy(() -> forge.comment(REPO, n, "k", "hello")).isInstanceOf(IOException.class);
    assertThat(github.log().stream().filter(l -> l.startsWith("POST")).toList()).hasSize(1);
  }

  @Test
  void aBadRepositoryNameIsRefusedBeforeAnyRequest() {
    GitHubForge forge = world.forge(config);
    for (String bad : List.of("acme", "acme/app/../x", "acme/app?x=1")) {
      assertThatThrownBy(() -> forge.openChanges(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
    assertThat(github.requests()).isZero();
  }
}
