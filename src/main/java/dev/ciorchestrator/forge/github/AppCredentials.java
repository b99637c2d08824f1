package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jboss.logging.Logger;

/**
 * A GitHub App's installation token: a JWT signed with the App's key buys a token at {@code POST
 * /app/installations/{id}/access_tokens}, valid for an hour; it is bought again five minutes before
 * it expires, so no request goes out with a token about to lapse. A token whose {@code expires_at}
 * is already (nearly) past by this clock (the clocks disagree, or the answer is wrong) is used for
 * a minute all the same, with a warning: buying one before every request would double the traffic
 * and hide the problem.
 */
final class AppCredentials implements Credentials {
  private static final Logger LOG = Logger.getLogger(AppCredentials.class);
  static final Duration REFRESH_EARLY = Duration.ofMinutes(5);
  static final Duration MIN_REUSE = Duration.ofMinutes(1);

  private final long appId;
  private final long installationId;
  private final PrivateKey key;
  private final Clock clock;
  private String token;
  private Instant refreshAt = Instant.MIN;

  AppCredentials(long appId, long installationId, PrivateKey key, Clock clock) {
    this.appId = appId;
    this.installationId = installationId;
    this.key = key;
    this.clock = clock;
  }

  @Override
  public synchronized String authorization(GitHubApi api) throws IOException {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(refreshAt)) {
      String jwt = AppJwt.sign(appId, key, now);
      String path = "/app/installations/" + installationId + "/access_tokens";
      JsonNode answer = api.exchange(path, "Bearer " + jwt);
      String fresh = answer.path("token").asText("");
      if (fresh.isEmpty()) {
        throw new IOException("POST " + path + " returned no token");
      }
      Instant expiresAt;
      try {
        expiresAt = Instant.parse(answer.path("expires_at").asText(""));
      } catch (DateTimeParseException e) {
        throw new IOException("POST " + path + " returned no valid expires_at", e);
      }
      token = fresh;
      refreshAt = refreshAt(path, expiresAt, now);
    }
    return "Bearer " + token;
  }

  /** Five minutes before it expires; a minute from now at the earliest. */
  private static Instant refreshAt(String path, Instant expiresAt, Instant now) {
    Instant early = expiresAt.minus(REFRESH_EARLY);
    Instant floor = now.plus(MIN_REUSE);
    if (!early.isBefore(floor)) {
      return early;
    }
    LOG.warnf(
        "POST %s returned an installation token that expires at %s, not %d minutes after this"
            + " clock's %s: the clocks disagree or the answer is wrong; the token is used for %d s"
            + " before another is bought",
        path,
        expiresAt,
        REFRESH_EARLY.toMinutes() + MIN_REUSE.toMinutes(),
        now,
        MIN_REUSE.toSeconds());
    return floor;
  }

  @Override
  public String toString() {
    return "app(" + appId + ", installation " + installationId + ")";
  }
}
