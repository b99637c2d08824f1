package dev.ciorchestrator.forge.github;

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
 * GitHub connections ({@code ci.forge.github.<id>.*}). A repository with {@code forge: <id>} is
 * served by connection {@code <id>}. Secrets come from here or the environment, never from Git.
 */
@ConfigMapping(prefix = "ci.forge.github")
public interface GitHubSettings {
  /** Connections by id. */
  @WithParentName
  Map<String, Connection> connections();

  interface Connection extends HostedConnection {
    /** The REST API base: {@code https://api.github.com}, or {@code https://HOST/api/v3}. */
    @WithDefault("https://api.github.com")
    URI apiUrl();

    /** A personal access token (classic or fine-grained); or use the App settings. */
    Optional<String> token();

    /**
     * The name of an environment variable holding the token, for deployments that cannot name the
     * setting's own variable ({@code CI_FORGE_GITHUB_<ID>_TOKEN}).
     */
    Optional<String> tokenEnv();

    /** GitHub App id, with {@link #privateKeyFile()} and {@link #installationId()}. */
    Optional<Long> appId();

    Optional<Long> installationId();

    /** The App's private key, PEM, PKCS#8 or PKCS#1. */
    Optional<Path> privateKeyFile();

    /** The secret of webhook deliveries to {@code POST /hooks/github}. */
    Optional<String> webhookSecret();

    /** The login the orchestrator comments as (its comments are never read as commands). */
    @WithDefault("ci-orchestrator[bot]")
    String bot();

    /** Timeout of one API request. */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * Where repositories are cloned from for workspaces; {@code {repo}} is replaced by {@code
     * owner/name}. Default: {@code https://github.com/{repo}.git}, or the Enterprise host of {@link
     * #apiUrl()}.
     */
    Optional<String> cloneUrl();

    /** Bare mirrors of the connection's repositories, one folder per repository. */
    @WithDefault(".ci-orchestrator/github-mirrors")
    Path mirrorDir();

    /** Members of the repository owner's organisation count as trusted users. */
    @WithDefault("true")
    boolean trustOrgMembers();

    /** Collaborators of the repository count as trusted users. */
    @WithDefault("true")
    boolean trustCollaborators();

    /** How long a membership answer is reused. */
    @WithDefault("10m")
    Duration trustCacheTtl();

    /** Retries of a request that failed with a 5xx or timed out. */
    @WithDefault("3")
    int retries();

    /** The first retry's delay; each further retry doubles it. */
    @WithDefault("1s")
    Duration retryDelay();

    /** The longest wait for a rate limit to reset before a request fails instead. */
    @WithDefault("15m")
    Duration maxRateLimitWait();

    /**
     * How often every open pull request's details are asked again (conditionally) even though the
     * pull request list says nothing changed: commit statuses set by others do not show there.
     */
    @WithDefault("10m")
    Duration fullRefresh();
  }
}
