package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.hosted.ChangeFacts;
import dev.ciorchestrator.forge.hosted.ChangeSource;
import dev.ciorchestrator.forge.hosted.Note;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's pull requests as a {@link ChangeSource}. The pull request list is always read whole:
 * every page is a conditional GET, and GitHub answers an unchanged one with a 304 that costs no
 * rate limit, so listing by time would save nothing.
 */
final class PullReader implements ChangeSource {
  static final String EYES = "eyes";

  private final GitHubApi api;
  private final Membership membership;
  private final String bot;

  PullReader(GitHubApi api, Membership membership, String bot) {
    this.api = api;
    this.membership = membership;
    this.bot = bot;
  }

  @Override
  public Listing list(String repo, Optional<Instant> since) throws IOException {
    String endpoint = "GET /repos/" + repo + "/pulls";
    List<Listed> out = new ArrayList<>();
    for (JsonNode pull :
        api.getAll("/repos/" + repo + "/pulls?state=open&sort=created&direction=asc")) {
      out.add(
          new Listed(
              PullJson.number(pull, endpoint),
              pull.path("updated_at").asText(""),
              pull.path("head").path("sha").asText(""),
              PullJson.labels(pull),
              true));
    }
    return new Listing(out, true);
  }

  /** The pull request, its files, reviews, comments and head status; empty on a 404. */
  @Override
  public Optional<ChangeFacts> read(String repo, Listed listed) throws IOException {
    String base = "/repos/" + repo;
    long number = listed.number();
    try {
      JsonNode pull = api.get(base + "/pulls/" + number);
      // The single pull request is newer than the list entry, and has 'mergeable'.
      String head = pull.path("head").path("sha").asText(listed.headSha());
      return Optional.of(
          PullJson.facts(
              "GET " + base + "/pulls/" + number,
              pull,
              api.getAll(base + "/pulls/" + number + "/files"),
              api.getAll(base + "/pulls/" + number + "/reviews"),
              api.getAll(base + "/issues/" + number + "/comments"),
              api.get(base + "/commits/" + head + "/status?per_page=100")));
    } catch (GitHubException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean trusted(String repo, String login) throws IOException {
    return membership.trusted(repo, login);
  }

  /** Whether one of the comment's 👀 reactions is the bot's. */
  @Override
  public boolean acknowledged(String repo, long change, Note note) throws IOException {
    List<JsonNode> reactions =
        api.getAll(
            "/repos/" + repo + "/issues/comments/" + note.id() + "/reactions?content=" + EYES);
    return reactions.stream()
        .anyMatch(r -> PullJson.login(r).equalsIgnoreCase(bot) && EYES.equals(content(r)));
  }

  private static String content(JsonNode reaction) {
    return reaction.path("content").asText(EYES);
  }

  @Override
  public void writeLabel(String repo, long change, String label, boolean present)
      throws IOException {
    String path = "/repos/" + repo + "/issues/" + change + "/labels";
    if (present) {
      api.send("POST", path, Map.of("labels", List.of(label)), true);
      return;
    }
    try {
      api.send(
          "DELETE",
          path + "/" + URLEncoder.encode(label, StandardCharsets.UTF_8).replace("+", "%20"),
          null,
          true);
    } catch (GitHubException e) {
      if (e.status() != 404) { // already gone: what we wanted
        throw e;
      }
    }
  }
}
