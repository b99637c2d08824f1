package dev.ciorchestrator.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may use the HTTP API ({@code ci.api.*}). Writes always need a user's token (see {@link
 * ApiAuthFilter}); this decides the reads.
 */
@ConfigMapping(prefix = "ci.api")
public interface ApiAccessSettings {
  /** Who may read {@code /api/...}. */
  enum Reads {
    /** Anyone who can reach the port: the bind address ({@code quarkus.http.host}) decides. */
    OPEN,
    /** Only a request with a user's token, as for writes. */
    TOKEN
  }

  /** {@code open} or {@code token}; health checks and metrics ({@code /q/...}) stay open. */
  @WithDefault("open")
  Reads reads();
}
