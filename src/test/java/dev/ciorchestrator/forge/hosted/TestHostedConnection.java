package dev.ciorchestrator.forge.hosted;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings every hosted connection has, for tests: each field set directly, defaults as the
 * mappings have them (except a short retry delay). Each forge's test connection adds its own.
 */
public abstract class TestHostedConnection implements HostedConnection {
  public URI apiUrl;
  public String token;
  public String tokenEnv;
  public String bot = "ci-bot";
  public Duration requestTimeout = Duration.ofSeconds(5);
  public String cloneUrl;
  public Path mirrorDir;
  public Duration trustCacheTtl = Duration.ofMinutes(10);
  public int retries = 3;
  public Duration retryDelay = Duration.ofMillis(1);
  public Duration maxRateLimitWait = Duration.ofMinutes(15);
  public Duration fullRefresh = Duration.ofMinutes(10);

  protected TestHostedConnection(URI apiUrl, String token, Path mirrorDir) {
    this.apiUrl = apiUrl;
    this.token = token;
    this.mirrorDir = mirrorDir;
  }

  @Override
  public URI apiUrl() {
    return apiUrl;
  }

  @Override
  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  @Override
  public Optional<String> tokenEnv() {
    return Optional.ofNullable(tokenEnv);
  }

  @Override
  public String bot() {
    return bot;
  }

  @Override
  public Duration requestTimeout() {
    return requestTimeout;
  }

  @Override
  public Optional<String> cloneUrl() {
    return Optional.ofNullable(cloneUrl);
  }

  @Override
  public Path mirrorDir() {
    return mirrorDir;
  }

  @Override
  public Duration trustCacheTtl() {
    return trustCacheTtl;
  }

  @Override
  public int retries() {
    return retries;
  }

  @Override
  public Duration retryDelay() {
    return retryDelay;
  }

  @Override
  public Duration maxRateLimitWait() {
    return maxRateLimitWait;
  }

  @Override
  public Duration fullRefresh() {
    return fullRefresh;
  }
}
