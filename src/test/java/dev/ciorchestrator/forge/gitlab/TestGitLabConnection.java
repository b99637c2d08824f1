package dev.ciorchestrator.forge.gitlab;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A GitLab connection's settings for tests, each field set directly; defaults as mapped. */
public final class TestGitLabConnection implements GitLabSettings.Connection {
  public URI apiUrl;
  public String token;
  public String tokenEnv;
  public GitLabSettings.Auth auth = GitLabSettings.Auth.PRIVATE_TOKEN;
  public String webhookToken;
  public String bot = "ci-bot";
  public Duration requestTimeout = Duration.ofSeconds(5);
  public String cloneUrl;
  public Path mirrorDir;
  public int trustMinAccessLevel = 30;
  public Duration trustCacheTtl = Duration.ofMinutes(10);
  public int retries = 3;
  public Duration retryDelay = Duration.ofMillis(1);
  public Duration maxRateLimitWait = Duration.ofMinutes(15);
  public Duration fullRefresh = Duration.ofMinutes(10);

  public TestGitLabConnection(URI apiUrl, String token, Path mirrorDir) {
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
  public GitLabSettings.Auth auth() {
    return auth;
  }

  @Override
  public Optional<String> webhookToken() {
    return Optional.ofNullable(webhookToken);
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
  public int trustMinAccessLevel() {
    return trustMinAccessLevel;
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
