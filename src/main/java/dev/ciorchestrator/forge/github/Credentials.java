package dev.ciorchestrator.forge.github;

import java.io.IOException;

/**
 * What authorizes a request: a personal token, or a GitHub App's installation token.
 * Implementations never show the secret in {@code toString} or in exception messages.
 */
interface Credentials {
  /** The {@code Authorization} header value, fetching or refreshing a token when needed. */
  String authorization(GitHubApi api) throws IOException;

  /** A personal access token (classic or fine-grained). */
  static Credentials token(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the GitHub token is empty");
    }
    String header = "Bearer " + token.strip();
    return new Credentials() {
      @Override
      public String authorization(GitHubApi api) {
        return header;
      }

      @Override
      public String toString() {
        return "token(redacted)";
      }
    };
  }
}
