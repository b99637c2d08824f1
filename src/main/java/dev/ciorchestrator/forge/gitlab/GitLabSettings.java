package dev.ciorchestrator.forge.gitlab;

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
 * GitLab connections ({@code ci.forge.gitlab.<id>.*}), GitLab.com or self-managed. A repository
 * with {@code forge: <id>} is served by connection {@code <id>}; its name is the project's full
 * path ({@code group/subgroup/project}). Secrets come from here or the environment, never from Git.
 */
@ConfigMapping(prefix = "ci.forge.gitlab")
public interface GitLabSettings {
  /** Connections by id. */
  @WithParentName
  Map<String, Connection> connections();

  /** How the token is sent. */
  enum Auth {
    /** A personal, project or group access token in {@code PRIVATE-TOKEN}. */
    PRIVATE_TOKEN,
    /** An OAuth access token in {@code Authorization: Bearer}. */
    BEARER
  }

  interface Connection extends HostedConnection {
    /** The REST API base: {@code https://gitlab.com/api/v4}, or {@code https://HOST/api/v4}. */
    @WithDefault("https://gitlab.com/api/v4")
    URI apiUrl();

    /** An access token with the {@code api} scope (prefer the environment variable). */
    Optional<String> token();

    /** The name of an environment variable holding the token, when the default name cannot do. */
    Optional<String> tokenEnv();

    /** {@code private-token} (access tokens) or {@code bearer} (OAuth). */
    @WithDefault("private-token")
    Auth auth();

    /** The secret token of webhook deliveries to {@code POST /hooks/gitlab}. */
    Optional<String> webhookToken();

    /** The username the token acts as (its notes are never read as commands). */
    @WithDefault("ci-orchestrator")
    String bot();

    /** Timeout of one API request. */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * Where projects are cloned from for workspaces; {@code {repo}} is replaced by the project's
     * path. Default: the host of {@link #apiUrl()}, {@code https://HOST/{repo}.git}.
     */
    Optional<String> cloneUrl();

    /** Bare mirrors of the connection's projects, one folder per project. */
    @WithDefault(".ci-orchestrator/gitlab-mirrors")
    Path mirrorDir();

    /**
     * The least role a project member needs to count as trusted: 30 Developer, 40 Maintainer, 50
     * Owner (GitLab's access levels).
     */
    @WithDefault("30")
    int trustMinAccessLevel();

    /** How long a membership answer is reused. */
    @WithDefault("10m")
    Duration trustCacheTtl();

    /** Retries of a request that failed with a 5xx, timed out, or was rate limited. */
    @WithDefault("3")
    int retries();

    /** The first retry's delay; each further retry doubles it. */
    @WithDefault("1s")
    Duration retryDelay();

    /** The longest wait for a rate limit to reset before a request fails instead. */
    @WithDefault("15m")
    Duration maxRateLimitWait();

    /**
     * How often every open merge request is listed (between, only those updated since the last
     * listing are asked for).
     */
    @WithDefault("10m")
    Duration fullRefresh();
  }
}
