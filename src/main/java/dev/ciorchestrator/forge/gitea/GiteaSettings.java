package dev.ciorchestrator.forge.gitea;

import dev.ciorchestrator.forge.hosted.HostedConnection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Gitea and Forgejo connections ({@code ci.forge.gitea.<id>.*}). A repository with {@code forge:
 * <id>} is served by connection {@code <id>}; its name is {@code owner/name}. Secrets come from
 * here or the environment, never from Git.
 */
@ConfigMapping(prefix = "ci.forge.gitea")
public interface GiteaSettings {
  /** Connections by id. */
  @WithParentName
  Map<String, Connection> connections();

  interface Connection extends HostedConnection {
    /** The REST API base: {@code https://HOST/api/v1}. */
    @WithDefault("https://gitea.com/api/v1")
    URI apiUrl();

    /** An access token with the repository (read and write) scopes; sent as {@code token …}. */
    Optional<String> token();

    /** The name of an environment variable holding the token. */
    Optional<String> tokenEnv();

    /** The secret of webhook deliveries to {@code POST /hooks/gitea} (their HMAC-SHA256 key). */
    Optional<String> webhookSecret();

    /** The login the token acts as (its comments are never read as commands). */
    @WithDefault("ci-orchestrator")
    String bot();

    /** Timeout of one API request. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Where repositories are cloned from; {@code {repo}} is replaced by {@code owner/name}. */
    Optional<String> cloneUrl();

    /** Bare mirrors of the connection's repositories, one folder per repository. */
    @WithDefault(".ci-orchestrator/gitea-mirrors")
    Path mirrorDir();

    /** Whether members of the owning organisation are trusted (collaborators always are). */
    @WithDefault("true")
    boolean trustOrgMembers();

    /** How long a trust answer is reused. */
    @WithDefault("10m")
    Duration trustCacheTtl();

    /** Retries of a request that failed with a 5xx, timed out, or was rate limited. */
    @WithDefault("3")
    int retries();

    /** The first retry's delay; each further retry doubles it. */
    @WithDefault("1s")
    Duration retryDelay();

    /** The longest wait for a rate limit (a proxy's 429) before a request fails instead. */
    @WithDefault("15m")
    Duration maxRateLimitWait();

    /** How often every open pull request is read again even when its listing did not move. */
    @WithDefault("10m")
    Duration fullRefresh();
  }
}
