package dev.ciorchestrator.forge.gitlab;

import dev.ciorchestrator.forge.hosted.TestHostedConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** A GitLab connection's settings for tests, each field set directly; defaults as mapped. */
public final class TestGitLabConnection extends TestHostedConnection
    implements GitLabSettings.Connection {
  public GitLabSettings.Auth auth = GitLabSettings.Auth.PRIVATE_TOKEN;
  public String webhookToken;
  public int trustMinAccessLevel = 30;

  public TestGitLabConnection(URI apiUrl, String token, Path mirrorDir) {
    super(apiUrl, token, mirrorDir);
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
  public int trustMinAccessLevel() {
    return trustMinAccessLevel;
  }
}
