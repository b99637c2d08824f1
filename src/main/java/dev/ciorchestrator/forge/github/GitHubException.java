package dev.ciorchestrator.forge.github;

import java.io.IOException;

/**
 * GitHub answered a request with an error that repeating it will not fix (a 4xx other than a rate
 * limit). The message names the endpoint, the status and GitHub's own message, never a secret.
 */
public class GitHubException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public GitHubException(String endpoint, int status, String githubMessage) {
    super(endpoint + " answered " + status + (githubMessage.isEmpty() ? "" : ": " + githubMessage));
    this.status = status;
  }

  public int status() {
    return status;
  }
}
