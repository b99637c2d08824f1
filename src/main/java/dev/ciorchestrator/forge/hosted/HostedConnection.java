package dev.ciorchestrator.forge.hosted;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings every hosted forge connection has ({@code ci.forge.<kind>.<id>.*}); each kind's
 * {@code Connection} mapping extends it and declares these with its own defaults and wording.
 */
public interface HostedConnection {
  URI apiUrl();

  Optional<String> token();

  Optional<String> tokenEnv();

  String bot();

  Duration requestTimeout();

  Optional<String> cloneUrl();

  Path mirrorDir();

  Duration trustCacheTtl();

  int retries();

  Duration retryDelay();

  Duration maxRateLimitWait();

  Duration fullRefresh();
}
