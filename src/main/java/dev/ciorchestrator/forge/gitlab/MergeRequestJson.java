package dev.ciorchestrator.forge.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.Review;
import dev.ciorchestrator.forge.hosted.ChangeFacts;
import dev.ciorchestrator.forge.hosted.ChangeSource.Listed;
import dev.ciorchestrator.forge.hosted.Note;
import dev.ciorchestrator.forge.hosted.Times;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitLab's JSON shapes (merge requests, diffs, notes, approvals, commit statuses) read into the
 * neutral records; pure. A field the adapter cannot do without that is missing or of the wrong type
 * is an {@link IOException} naming the endpoint and the field; a user that is null reads as nobody.
 */
final class MergeRequestJson {
  /** Merge statuses GitLab shows while it is still working out whether it can merge. */
  static final Set<String> CHECKING =
      Set.of("unchecked", "checking", "preparing", "approvals_syncing", "cannot_be_merged_recheck");

  private MergeRequestJson() {}

  static long iid(JsonNode mr, String endpoint) throws IOException {
    JsonNode n = mr.path("iid");
    if (!n.canConvertToLong() || n.asLong() < 1) {
      throw new IOException(endpoint + " returned a merge request without a positive 'iid'");
    }
    return n.asLong();
  }

  static String text(JsonNode node, String endpoint, String field) throws IOException {
    JsonNode n = node.path(field);
    if (!n.isTextual()) {
      throw new IOException(endpoint + " returned no text field '" + field + "'");
    }
    return n.asText();
  }

  static String username(JsonNode user) {
    return user.path("username").asText("");
  }

  static List<String> labels(JsonNode mr) {
    List<String> out = new ArrayList<>();
    // names, or with_labels_details' objects
    mr.path("labels").forEach(l -> out.add(l.isTextual() ? l.asText() : l.path("name").asText("")));
    out.removeIf(String::isEmpty);
    return out;
  }

  /** A merge request as a listing shows it. */
  static Listed listed(JsonNode mr, String endpoint) throws IOException {
    return new Listed(
        iid(mr, endpoint),
        mr.path("updated_at").asText(""),
        mr.path("sha").asText(""),
        labels(mr),
        "opened".equals(mr.path("state").asText("")));
  }

  /**
   * Whether GitLab can merge it: {@code detailed_merge_status} (or the older {@code merge_status})
   * says so; null while GitLab is still checking; false when it cannot, and when GitLab's own
   * approval rules (Premium: {@code approvals_left}) still want approvals.
   */
  static Boolean mergeable(JsonNode mr, JsonNode approvals) {
    String detailed = mr.path("detailed_merge_status").asText("");
    String status = detailed.isEmpty() ? mr.path("merge_status").asText("") : detailed;
    if (status.isEmpty() || CHECKING.contains(status)) {
      return null;
    }
    boolean rulesMet =
        !approvals.path("approvals_left").canConvertToInt()
            || approvals.path("approvals_left").asInt() <= 0;
    return rulesMet && (status.equals("mergeable") || status.equals("can_be_merged"));
  }

  static ChangeFacts facts(
      String endpoint,
      JsonNode mr,
      List<JsonNode> diffs,
      List<JsonNode> notes,
      JsonNode approvals,
      List<JsonNode> statuses)
      throws IOException {
    JsonNode refs = mr.path("diff_refs");
    return new ChangeFacts(
        iid(mr, endpoint),
        mr.path("title").asText(""),
        username(mr.path("author")),
        mr.path("draft").asBoolean(false) || mr.path("work_in_progress").asBoolean(false),
        labels(mr),
        text(mr, endpoint, "target_branch"),
        refs.path("start_sha").asText(refs.path("base_sha").asText("")),
        mr.path("source_branch").asText(""),
        text(mr, endpoint, "sha"),
        files(diffs),
        mergeable(mr, approvals),
        Times.parse(mr.path("created_at").asText("")),
        Times.parse(mr.path("updated_at").asText("")),
        notes(notes),
        approvals(approvals, notes),
        statuses(statuses));
  }

  /** Changed paths; a renamed or deleted file counts its old path too. */
  static List<String> files(List<JsonNode> diffs) {
    List<String> out = new ArrayList<>();
    for (JsonNode d : diffs) {
      String now = d.path("new_path").asText("");
      String before = d.path("old_path").asText("");
      if (!now.isEmpty()) {
        out.add(now);
      }
      if (!before.isEmpty() && !before.equals(now)) {
        out.add(before);
      }
    }
    return out;
  }

  /** People's notes; GitLab's own system notes ("approved this merge request") are left out. */
  static List<Note> notes(List<JsonNode> notes) {
    List<Note> out = new ArrayList<>();
    for (JsonNode n : notes) {
      if (!n.path("system").asBoolean(false)) {
        out.add(new Note(comment(n), Note.Eyes.UNKNOWN));
      }
    }
    return out;
  }

  static Comment comment(JsonNode note) {
    return new Comment(
        note.path("id").asText(""),
        username(note.path("author")),
        note.path("body").asText(""),
        Times.parse(note.path("created_at").asText("")));
  }

  /**
   * Who approved ({@code approved_by}, on every tier): approvals, which GitLab does not tie to a
   * commit, so they are judged by their time: {@code approved_at} where GitLab gives it (16.x and
   * later), else the time of the approver's newest "approved this merge request" system note, else
   * the epoch (before any push: the safe side when approvals are dismissed on push).
   */
  static List<Review> approvals(JsonNode approvals, List<JsonNode> notes) {
    List<Review> out = new ArrayList<>();
    for (JsonNode a : approvals.path("approved_by")) {
      String user = username(a.path("user"));
      Instant at = Times.parse(a.path("approved_at").asText(""));
      out.add(
          new Review(user, Review.State.APPROVED, "", at != null ? at : approvedNote(notes, user)));
    }
    return out;
  }

  private static Instant approvedNote(List<JsonNode> notes, String user) {
    Instant newest = Instant.EPOCH;
    for (JsonNode n : notes) {
      Instant at = Times.parse(n.path("created_at").asText(""));
      if (n.path("system").asBoolean(false)
          && !user.isEmpty()
          && username(n.path("author")).equalsIgnoreCase(user)
          && n.path("body").asText("").startsWith("approved this merge request")
          && at != null
          && at.isAfter(newest)) {
        newest = at;
      }
    }
    return newest;
  }

  /** The newest status per name; GitLab keeps each retried one. */
  static Map<String, CommitStatus> statuses(List<JsonNode> statuses) {
    Map<String, JsonNode> newest = new HashMap<>();
    for (JsonNode s : statuses) {
      String name = s.path("name").asText("");
      JsonNode known = newest.get(name);
      if (!name.isEmpty() && (known == null || s.path("id").asLong() > known.path("id").asLong())) {
        newest.put(name, s);
      }
    }
    Map<String, CommitStatus> out = new LinkedHashMap<>();
    newest.forEach(
        (name, s) ->
            GitLabStatuses.read(s.path("status").asText(""))
                .ifPresent(
                    state ->
                        out.put(
                            name,
                            new CommitStatus(
                                name,
                                state,
                                s.path("description").asText(""),
                                s.path("target_url").asText("")))));
    return out;
  }
}
