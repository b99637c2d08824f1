package dev.ciorchestrator.forge.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.hosted.ChangeFacts;
import dev.ciorchestrator.forge.hosted.ChangeSource;
import dev.ciorchestrator.forge.hosted.Note;
import dev.ciorchestrator.forge.rest.RestClient;
import dev.ciorchestrator.forge.rest.RestException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab's merge requests as a {@link ChangeSource}. Between full listings only the merge requests
 * updated since the last listing are asked for ({@code state=all&updated_after=…}): one request per
 * pass while nothing changes, and closed or merged ones show up to be dropped. Notes touch their
 * merge request, so a new command shows as an update; an approval adds a system note.
 *
 * <p>It remembers, for the adapter's writes, where each head's statuses live (a fork's merge
 * request has them in the source project) and what GitLab last said of each one's mergeability.
 */
final class MergeRequestReader implements ChangeSource {
  static final String EYES = "eyes";
  private static final int REMEMBERED = 20_000;

  /** Where a head's statuses are posted: the source project, and its branch as their ref. */
  record Head(long projectId, String ref) {}

  private final RestClient api;
  private final ProjectMembers members;
  private final String bot;
  private final Map<String, Head> heads = bounded();
  private final Map<String, String> mergeStatus = bounded();

  MergeRequestReader(RestClient api, ProjectMembers members, String bot) {
    this.api = api;
    this.members = members;
    this.bot = bot;
  }

  @Override
  public Listing list(String repo, Optional<Instant> since) throws IOException {
    String path =
        Projects.of(repo)
            + since
                .map(
                    t ->
                        "/merge_requests?state=all&order_by=updated_at&sort=asc&updated_after=" + t)
                .orElse("/merge_requests?state=opened&order_by=created_at&sort=asc");
    List<Listed> out = new ArrayList<>();
    for (JsonNode mr : api.getAll(path)) {
      out.add(MergeRequestJson.listed(mr, "GET " + path));
    }
    return new Listing(out, since.isEmpty());
  }

  /** The merge request, its diffs, notes, approvals and head statuses; empty once not open. */
  @Override
  public Optional<ChangeFacts> read(String repo, Listed listed) throws IOException {
    String base = Projects.of(repo) + "/merge_requests/" + listed.number();
    JsonNode mr;
    try {
      mr = api.get(base);
    } catch (RestException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    if (!"opened".equals(mr.path("state").asText(""))) {
      return Optional.empty();
    }
    String sha = MergeRequestJson.text(mr, "GET " + base, "sha");
    Head head =
        new Head(
            mr.path("source_project_id").asLong(mr.path("project_id").asLong()),
            mr.path("source_branch").asText(""));
    heads.put(repo + "@" + sha, head);
    mergeStatus.put(
        repo + "#" + listed.number(),
        mr.path("detailed_merge_status").asText(mr.path("merge_status").asText("")));
    return Optional.of(
        MergeRequestJson.facts(
            "GET " + base,
            mr,
            api.getAll(base + "/diffs"),
            api.getAll(base + "/notes?sort=asc&order_by=created_at"),
            api.get(base + "/approvals"),
            api.getAll(
                Projects.of(head.projectId()) + "/repository/commits/" + sha + "/statuses")));
  }

  @Override
  public boolean trusted(String repo, String login) throws IOException {
    return members.trusted(repo, login);
  }

  /** Whether the bot gave the note an {@code eyes} emoji. */
  @Override
  public boolean acknowledged(String repo, long change, Note note) throws IOException {
    return acknowledged(repo, change, note.id());
  }

  boolean acknowledged(String repo, long change, String noteId) throws IOException {
    String path =
        Projects.of(repo) + "/merge_requests/" + change + "/notes/" + noteId + "/award_emoji";
    return api.getAll(path).stream()
        .anyMatch(
            a ->
                EYES.equals(a.path("name").asText(""))
                    && MergeRequestJson.username(a.path("user")).equalsIgnoreCase(bot));
  }

  /** {@code add_labels} or {@code remove_labels}; either is a no-op when already so. */
  @Override
  public void writeLabel(String repo, long change, String label, boolean present)
      throws IOException {
    api.send(
        "PUT",
        Projects.of(repo) + "/merge_requests/" + change,
        Map.of(present ? "add_labels" : "remove_labels", label),
        true);
  }

  /** A map that forgets its oldest entries: heads and merge requests come and go. */
  private static <V> Map<String, V> bounded() {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(256, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > REMEMBERED;
          }
        });
  }

  /** Where the statuses of {@code sha} go: its merge request's source project, if it has one. */
  Optional<Head> head(String repo, String sha) {
    return Optional.ofNullable(heads.get(repo + "@" + sha));
  }

  /** What GitLab last said of the merge request's mergeability; empty before its first read. */
  Optional<String> mergeStatus(String repo, long change) {
    return Optional.ofNullable(mergeStatus.get(repo + "#" + change));
  }
}
