package dev.ciorchestrator.forge.gitea;

import dev.ciorchestrator.forge.rest.RestClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Is a login trusted on Gitea: the repository's owner, a collaborator ({@code GET
 * /repos/{o}/{r}/collaborators/{user}}: 204), or a member of the owning organisation ({@code GET
 * /orgs/{org}/members/{user}}: 204). Answers are kept for a while: trust changes rarely.
 */
final class Trust {
  private record Answer(boolean yes, Instant at) {}

  private final RestClient api;
  private final Clock clock;
  private final Duration ttl;
  private final boolean orgMembers;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  Trust(RestClient api, Clock clock, Duration ttl, boolean orgMembers) {
    this.api = api;
    this.clock = clock;
    this.ttl = ttl;
    this.orgMembers = orgMembers;
  }

  boolean trusted(String repo, String login) throws IOException {
    if (login.isEmpty() || !login.matches("[A-Za-z0-9_.-]+")) {
      return false; // nobody, or no name Gitea allows: never a path to ask about
    }
    String owner = repo.substring(0, repo.indexOf('/'));
    if (owner.equalsIgnoreCase(login)) {
      return true;
    }
    String key = repo + " " + login.toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Answer known = answers.get(key);
    if (known != null && known.at().plus(ttl).isAfter(now)) {
      return known.yes();
    }
    boolean yes =
        api.exists(Repos.of(repo) + "/collaborators/" + login)
            || (orgMembers && api.exists("/orgs/" + owner + "/members/" + login));
    answers.put(key, new Answer(yes, now));
    return yes;
  }
}
