package dev.ciorchestrator.forge.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Is a login trusted on GitHub: a member of the repository owner's organisation ({@code GET
 * /orgs/{org}/members/{user}}, 204 or 404) or a collaborator of the repository ({@code GET
 * /repos/{o}/{r}/collaborators/{user}}), each switchable per connection. Answers are kept for a
 * while: trust changes rarely, and asking per comment would spend the rate limit.
 */
final class Membership {
  private record Answer(boolean yes, Instant at) {}

  private final GitHubApi api;
  private final Clock clock;
  private final Duration ttl;
  private final boolean orgMembers;
  private final boolean collaborators;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  Membership(GitHubApi api, Clock clock, Duration ttl, boolean orgMembers, boolean collaborators) {
    this.api = api;
    this.clock = clock;
    this.ttl = ttl;
    this.orgMembers = orgMembers;
    this.collaborators = collaborators;
  }

  boolean trusted(String repo, String login) throws IOException {
    if (login.isEmpty() || login.endsWith("[bot]")) {
      return false;
    }
    String owner = repo.substring(0, repo.indexOf('/'));
    String user = login.toLowerCase(Locale.ROOT);
    return (orgMembers && ask("/orgs/" + owner + "/members/" + user))
        || (collaborators && ask("/repos/" + repo + "/collaborators/" + user));
  }

  private boolean ask(String path) throws IOException {
    Instant now = clock.instant();
    Answer known = answers.get(path);
    if (known != null && known.at().plus(ttl).isAfter(now)) {
      return known.yes();
    }
    boolean yes = api.exists(path);
    answers.put(path, new Answer(yes, now));
    return yes;
  }
}
