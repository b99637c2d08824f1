package dev.ciorchestrator.forge.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.rest.RestClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Is a username trusted on GitLab: a member of the project, directly or through its groups ({@code
 * GET /projects/:id/members/all?query=…}), with at least the configured role (Developer by
 * default). Answers are kept for a while: trust changes rarely, and asking per note would spend the
 * rate limit.
 */
final class ProjectMembers {
  private record Answer(boolean yes, Instant at) {}

  private final RestClient api;
  private final Clock clock;
  private final Duration ttl;
  private final int minAccessLevel;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  ProjectMembers(RestClient api, Clock clock, Duration ttl, int minAccessLevel) {
    this.api = api;
    this.clock = clock;
    this.ttl = ttl;
    this.minAccessLevel = minAccessLevel;
  }

  boolean trusted(String repo, String username) throws IOException {
    if (username.isEmpty()) {
      return false;
    }
    String key = repo + " " + username.toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Answer known = answers.get(key);
    if (known != null && known.at().plus(ttl).isAfter(now)) {
      return known.yes();
    }
    boolean yes = false;
    for (JsonNode m :
        api.getAll(Projects.of(repo) + "/members/all?query=" + Projects.query(username))) {
      yes |=
          m.path("username").asText("").equalsIgnoreCase(username)
              && m.path("access_level").asInt(0) >= minAccessLevel;
    }
    answers.put(key, new Answer(yes, now));
    return yes;
  }
}
