package dev.ciorchestrator.forge.gitea;

import dev.ciorchestrator.forge.hosted.TestHostedConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** A Gitea connection's settings for tests, each field set directly; defaults as mapped. */
public final class TestGiteaConnection extends TestHostedConnection
    implements GiteaSettings.Connection {
  public String webhookSecret;
  public boolean trustOrgMembers = true;

  public TestGiteaConnection(URI apiUrl, String token, Path mirrorDir) {
    super(apiUrl, token, mirrorDir);
  }

  @Override
  public Optional<String> webhookSecret() {
    return Optional.ofNullable(webhookSecret);
  }

  @Override
  public boolean trustOrgMembers() {
    return trustOrgMembers;
  }
}
