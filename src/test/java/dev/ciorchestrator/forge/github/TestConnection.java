package dev.ciorchestrator.forge.github;

import dev.ciorchestrator.forge.hosted.TestHostedConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** A connection's settings for tests, each field set directly; defaults as in the mapping. */
final class TestConnection extends TestHostedConnection implements GitHubSettings.Connection {
  Long appId;
  Long installationId;
  Path privateKeyFile;
  boolean trustOrgMembers = true;
  boolean trustCollaborators = true;

  TestConnection(URI apiUrl, String token, Path mirrorDir) {
    super(apiUrl, token, mirrorDir);
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
  public boolean trustOrgMembers() {
    return trustOrgMembers;
  }

  @Override
  public boolean trustCollaborators() {
    return trustCollaborators;
  }
}
