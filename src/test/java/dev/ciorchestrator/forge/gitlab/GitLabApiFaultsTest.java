package dev.ciorchestrator.forge.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API economy and faults against {@link FakeGitLab}: pagination, 429 with and without {@code
 * Retry-After} (waited out with the recording sleeper), retried 5xx and timeouts, malformed JSON,
 * and the {@code forge="gitlab"} tag on every request reported.
 */
class GitLabApiFaultsTest {
  private static final String REPO = GitLabWorld.REPO;
  private static final String LIST = "GET /projects/acme%2Fapp/merge_requests";
  @TempDir Path dir;
  private GitLabWorld world;
  private FakeGitLab gitlab;
  private final Repository config = GitLabWorld.repository(MergeMethod.MERGE, "alice");
  private final List<String> tags = Collections.synchronizedList(new ArrayList<>());
  private final ForgeApiMetrics metrics =
      new ForgeApiMetrics() {
        @Override
        public void request(String forge, int status, boolean cached) {
          tags.add(forge + ":" + status);
        }

        @Override
        public void rateLimited(String forge) {
          tags.add(forge + ":limited");
        }
      };

  @BeforeEach
  void setUp() throws Exception {
    world = new GitLabWorld(dir);
    gitlab = world.gitlab;
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private GitLabForge forge() {
    return world.forge(world.connection(), config, metrics);
  }

  @Test
  void followsPagesAHundredAtATime() throws Exception {
    for (int i = 0; i < 250; i++) {
      gitlab.openMergeRequest(REPO, "alice", "t", "feature", world.featureSha, "main", List.of());
    }
    GitLabForge forge = forge();
    assertThat(forge.openChanges(REPO)).hasSize(250);
    assertThat(gitlab.log().stream().filter(l -> l.startsWith(LIST + "?"))).hasSize(3);
    assertThat(tags).allMatch(t -> t.startsWith("gitlab:"));
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() throws Exception {
    world.openFeature("alice");
    gitlab.failNext(LIST, 2, 502);
    assertThat(forge().openChanges(REPO)).hasSize(1);
    assertThat(gitlab.log().stream().filter(l -> l.startsWith(LIST + "?")).count()).isEqualTo(3);
    assertThat(tags).containsSubsequence("gitlab:502", "gitlab:502", "gitlab:200");
  }

  @Test
  void aRateLimitWaitsForRetryAfter() throws Exception {
    world.openFeature("alice");
    gitlab.rateLimitNext(LIST, 42);
    assertThat(forge().openChanges(REPO)).hasSize(1);
    assertThat(world.slept).containsExactly(Duration.ofSeconds(42));
    assertThat(tags).contains("gitlab:limited");
  }

  @Test
  void aTimeoutIsRetried() throws Exception {
    world.openFeature("alice");
    TestGitLabConnection c = world.connection();
    c.requestTimeout = Duration.ofMillis(300);
    gitlab.slowNext(LIST, Duration.ofSeconds(2));
    assertThat(world.forge(c, config, metrics).openChanges(REPO)).hasSize(1);
  }

  @Test
  void malformedJsonFailsThePassNamingTheEndpointAndNotTheToken() {
    world.openFeature("alice");
    gitlab.malformedNext(LIST);
    assertThatThrownBy(() -> forge().openChanges(REPO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("merge_requests")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(GitLabWorld.TOKEN));
  }

  @Test
  void aWrongTokenIs401WithoutTheToken() {
    TestGitLabConnection c = world.connection();
    c.token = "glpat-wrong";
    assertThatThrownBy(() -> world.forge(c, config, metrics).openChanges(REPO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("401")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("glpat-wrong"));
  }

  @Test
  void anOAuthTokenIsSentAsBearer() throws Exception {
    world.openFeature("alice");
    TestGitLabConnection c = world.connection();
    c.auth = GitLabSettings.Auth.BEARER;
    assertThat(world.forge(c, config, metrics).openChanges(REPO)).hasSize(1);
  }

  @Test
  void aConnectionWithoutATokenNamesTheSetting() {
    TestGitLabConnection c = world.connection();
    c.token = null;
    c.tokenEnv = "GITLAB_TOKEN_THAT_IS_NOT_SET";
    assertThatThrownBy(() -> world.forge(c, config, metrics))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ci.forge.gitlab.gl.token-env");
  }
}
