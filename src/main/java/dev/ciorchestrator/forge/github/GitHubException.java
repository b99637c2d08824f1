package dev.ciorchestrator.forge.github;

import dev.ciorchestrator.forge.rest.RestException;

/**
 * GitHub answered a request with an error that repeating it will not fix (a 4xx other than a rate
 * limit). The message names the endpoint, the status and GitHub's own message, never a secret.
 */
public class GitHubException extends RestException {
  private static final long serialVersionUID = 1L;

  public GitHubException(String endpoint, int status, String githubMessage) {
    super(endpoint, status, githubMessage);
  }
}
