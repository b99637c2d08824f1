package dev.ciorchestrator.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.hosted.ChangeFacts;
import dev.ciorchestrator.forge.hosted.ChangeSource;
import dev.ciorchestrator.forge.hosted.Note;
import dev.ciorchestrator.forge.rest.RestClient;
import dev.ciorchestrator.forge.rest.RestException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gitea's pull requests as a {@link ChangeSource}. Gitea can neither list pull requests by time nor
 * answer a conditional request, so every pass lists every open one (50 to a page, least recently
 * updated first); only those whose {@code updated_at}, head or labels moved are read again. A
 * comment or review touches its pull request's {@code updated_at}, as a push does.
 */
final class PullRequestReader implements ChangeSource {
  static final String EYES = "eyes";

  private final RestClient api;
  private final Trust trust;
  private final Labels labels;
  private final String bot;

  PullRequestReader(RestClient api, Trust trust, Labels labels, String bot) {
    this.api = api;
    this.trust = trust;
    this.labels = labels;
    this.bot = bot;
  }

  @Override
  public Listing list(String repo, Optional<Instant> since) throws IOException {
    String path = Repos.of(repo) + "/pulls?state=open&sort=oldest";
    List<Listed> out = new ArrayList<>();
    for (JsonNode pull : api.getAll(path)) {
      out.add(PullRequestJson.listed(pull, "GET " + path));
    }
    return new Listing(out, true);
  }

  /** The pull request, its files, reviews, comments and head statuses; empty once gone. */
  @Override
  public Optional<ChangeFacts> read(String repo, Listed listed) throws IOException {
    String base = Repos.of(repo);
    long n = listed.number();
    JsonNode pull;
    try {
      pull = api.get(base + "/pulls/" + n);
    } catch (RestException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    if (!"open".equals(pull.path("state").asText(""))) {
      return Optional.empty();
    }
    String head = pull.path("head").path("sha").asText(listed.headSha());
    return Optional.of(
        PullRequestJson.facts(
            "GET " + base + "/pulls/" + n,
            pull,
            api.getAll(base + "/pulls/" + n + "/files"),
            api.getAll(base + "/pulls/" + n + "/reviews"),
            api.getAll(base + "/issues/" + n + "/comments"),
            api.getAll(base + "/commits/" + head + "/statuses")));
  }

  @Override
  public boolean trusted(String repo, String login) throws IOException {
    return trust.trusted(repo, login);
  }

  /** Whether one of the comment's {@code eyes} reactions is the bot's. */
  @Override
  public boolean acknowledged(String repo, long change, Note note) throws IOException {
    return acknowledged(repo, note.id());
  }

  boolean acknowledged(String repo, String commentId) throws IOException {
    return api.getAll(Repos.of(repo) + "/issues/comments/" + commentId + "/reactions").stream()
        .anyMatch(
            r ->
                EYES.equals(r.path("content").asText(""))
                    && PullRequestJson.login(r).equalsIgnoreCase(bot));
  }

  @Override
  public void writeLabel(String repo, long change, String label, boolean present)
      throws IOException {
    labels.write(repo, change, label, present);
  }
}
