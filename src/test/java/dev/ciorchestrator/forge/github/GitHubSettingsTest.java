package dev.ciorchestrator.forge.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connection settings as SmallRye Config binds them, environment variables included. */
class GitHubSettingsTest {
  private static GitHubSettings bind(Map<String, String> env, Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(GitHubSettings.class)
            // what Quarkus adds for "10s"-style durations
            .withConverter(Duration.class, 200, new DurationConverter())
            .withSources(new EnvConfigSource(env, 300))
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return config.getConfigMapping(GitHubSettings.class);
  }

  @Test
  void aConnectionCanComeWhollyFromEnvironmentVariables() {
    GitHubSettings s =
        bind(
            Map.of(
                "CI_FORGE_GITHUB_MAIN_TOKEN", "ghp_fromenv",
                "CI_FORGE_GITHUB_MAIN_API_URL", "https://ghe.example.com/api/v3"),
            Map.of());
    assertThat(s.connections()).containsOnlyKeys("main");
    GitHubSettings.Connection c = s.connections().get("main");
    assertThat(c.token()).contains("ghp_fromenv");
    assertThat(c.apiUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
  }

  @Test
  void anEnvironmentVariableOverridesTheSecretOfAConnectionNamedInProperties() {
    GitHubSettings s =
        bind(
            Map.of("CI_FORGE_GITHUB_MAIN_WEBHOOK_SECRET", "from-env"),
            Map.of("ci.forge.github.main.token-env", "MY_TOKEN"));
    GitHubSettings.Connection c = s.connections().get("main");
    assertThat(c.webhookSecret()).contains("from-env");
    assertThat(c.tokenEnv()).contains("MY_TOKEN");
    assertThat(c.token()).isEmpty();
  }

  @Test
  void defaults() {
    GitHubSettings.Connection c =
        bind(Map.of(), Map.of("ci.forge.github.gh.token", "t")).connections().get("gh");
    assertThat(c.apiUrl()).isEqualTo(URI.create("https://api.github.com"));
    assertThat(c.bot()).isEqualTo("ci-orchestrator[bot]");
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.trustOrgMembers()).isTrue();
    assertThat(c.trustCollaborators()).isTrue();
    assertThat(c.trustCacheTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.retries()).isEqualTo(3);
    assertThat(c.retryDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.maxRateLimitWait()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.fullRefresh()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.cloneUrl()).isEmpty();
  }

  @Test
  void theCloneUrlFollowsTheApiHost() {
    assertThat(GitHubForges.defaultCloneUrl(URI.create("https://api.github.com")))
        .isEqualTo("https://github.com/{repo}.git");
    assertThat(GitHubForges.defaultCloneUrl(URI.create("https://ghe.example.com:8443/api/v3")))
        .isEqualTo("https://ghe.example.com:8443/{repo}.git");
  }
}
