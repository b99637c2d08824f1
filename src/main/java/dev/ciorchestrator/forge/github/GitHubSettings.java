package dev.ciorchestrator.forge.github;

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

  interface Connection {
    /** The REST API base: {@code https://api.github.com}, or {@code https://HOST/api/v3}. */
    @WithDefault("https://api.github.com")
    URI apiUrl();

    /** A personal access token (classic or fine-grained); or use the App settings. */
    Optional<String> token();

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
  }
}
