package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A GitHub App's installation token: a JWT signed with the App's key buys a token at {@code POST
 * /app/installations/{id}/access_tokens}, valid for an hour; it is bought again five minutes before
 * it expires, so no request goes out with a token about to lapse.
 */
final class AppCredentials implements Credentials {
  static final Duration REFRESH_EARLY = Duration.ofMinutes(5);

  private final long appId;
  private final long installationId;
  private final PrivateKey key;
  private final Clock clock;
  private String token;
  private Instant expiresAt = Instant.MIN;

  AppCredentials(long appId, long installationId, PrivateKey key, Clock clock) {
    this.appId = appId;
    this.installationId = installationId;
    this.key = key;
    this.clock = clock;
  }

  @Override
  public synchronized String authorization(GitHubApi api) throws IOException {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(expiresAt.minus(REFRESH_EARLY))) {
      String jwt = AppJwt.sign(appId, key, now);
      String path = "/app/installations/" + installationId + "/access_tokens";
      JsonNode answer = api.exchange(path, "Bearer " + jwt);
      String fresh = answer.path("token").asText("");
      if (fresh.isEmpty()) {
        throw new IOException("POST " + path + " returned no token");
      }
      try {
        expiresAt = Instant.parse(answer.path("expires_at").asText(""));
      } catch (DateTimeParseException e) {
        throw new IOException("POST " + path + " returned no valid expires_at", e);
      }
      token = fresh;
    }
    return "Bearer " + token;
  }

  @Override
  public String toString() {
    return "app(" + appId + ", installation " + installationId + ")";
  }
}
