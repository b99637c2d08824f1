package dev.ciorchestrator.forge.github;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A connection's settings for tests, each field set directly; defaults as in the mapping. */
final class TestConnection implements GitHubSettings.Connection {
  URI apiUrl;
  String token;
  String tokenEnv;
  Long appId;
  Long installationId;
  Path privateKeyFile;
  String bot = "ci-bot";
  Duration requestTimeout = Duration.ofSeconds(5);
  String cloneUrl;
  Path mirrorDir;
  boolean trustOrgMembers = true;
  boolean trustCollaborators = true;
  Duration trustCacheTtl = Duration.ofMinutes(10);
  int retries = 3;
  Duration retryDelay = Duration.ofMillis(1);
  Duration maxRateLimitWait = Duration.ofMinutes(15);
  Duration fullRefresh = Duration.ofMinutes(10);

  TestConnection(URI apiUrl, String token, Path mirrorDir) {
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
  public Optional<Long> appId() {
    return Optional.ofNullable(appId);
  }

  @Override
  public Optional<Long> installationId() {
    return Optional.ofNullable(installationId);
  }

  @Override
  public Optional<Path> privateKeyFile() {
    return Optional.ofNullable(privateKeyFile);
  }

  @Override
  public Optional<String> webhookSecret() {
    return Optional.empty();
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
  public boolean trustOrgMembers() {
    return trustOrgMembers;
  }

  @Override
  public boolean trustCollaborators() {
    return trustCollaborators;
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
