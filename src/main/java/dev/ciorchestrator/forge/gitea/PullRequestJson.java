package dev.ciorchestrator.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.Review;
import dev.ciorchestrator.forge.hosted.ChangeFacts;
import dev.ciorchestrator.forge.hosted.ChangeSource.Listed;
import dev.ciorchestrator.forge.hosted.Note;
import dev.ciorchestrator.forge.hosted.Times;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gitea's JSON shapes (pull requests, changed files, comments, reviews, commit statuses) read into
 * the neutral records; pure. A needed field missing or of the wrong type is an {@link IOException}
 * naming the endpoint and the field; a user that is null (a deleted account) reads as nobody.
 */
final class PullRequestJson {
  // Gitea's default [repository.pull-request] WORK_IN_PROGRESS_PREFIXES
  private static final List<String> WIP = List.of("wip:", "[wip]");

  private PullRequestJson() {}

  static long number(JsonNode pull, String endpoint) throws IOException {
    JsonNode n = pull.path("number");
    if (!n.canConvertToLong() || n.asLong() < 1) {
      throw new IOException(endpoint + " returned a pull request without a positive 'number'");
    }
    return n.asLong();
  }

  static String login(JsonNode withUser) {
    return withUser.path("user").path("login").asText("");
  }

  static List<String> labels(JsonNode pull) {
    List<String> out = new ArrayList<>();
    pull.path("labels").forEach(l -> out.add(l.path("name").asText("")));
    out.removeIf(String::isEmpty);
    return out;
  }

  static Listed listed(JsonNode pull, String endpoint) throws IOException {
    return new Listed(
        number(pull, endpoint),
        pull.path("updated_at").asText(""),
        pull.path("head").path("sha").asText(""),
        labels(pull),
        "open".equals(pull.path("state").asText("")));
  }

  /** {@code draft} where the server has it (Gitea 1.22, Forgejo 7), else the title's WIP prefix. */
  static boolean draft(JsonNode pull) {
    String title = pull.path("title").asText("").toLowerCase(Locale.ROOT);
    return pull.path("draft").asBoolean(false) || WIP.stream().anyMatch(title::startsWith);
  }

  static ChangeFacts facts(
      String endpoint,
      JsonNode pull,
      List<JsonNode> files,
      List<JsonNode> reviews,
      List<JsonNode> comments,
      List<JsonNode> statuses)
      throws IOException {
    JsonNode head = pull.path("head");
    JsonNode base = pull.path("base");
    return new ChangeFacts(
        number(pull, endpoint),
        pull.path("title").asText(""),
        login(pull),
        draft(pull),
        labels(pull),
        text(base, endpoint, "base.ref"),
        pull.path("merge_base").asText(base.path("sha").asText("")),
        head.path("ref").asText(""),
        text(head, endpoint, "head.sha"),
        files(files),
        pull.path("mergeable").isBoolean() ? pull.path("mergeable").asBoolean() : null,
        Times.parse(pull.path("created_at").asText("")),
        Times.parse(pull.path("updated_at").asText("")),
        comments.stream().map(c -> new Note(comment(c), Note.Eyes.UNKNOWN)).toList(),
        reviews(reviews),
        statuses(statuses));
  }

  private static String text(JsonNode node, String endpoint, String field) throws IOException {
    JsonNode n = node.path(field.substring(field.indexOf('.') + 1));
    if (!n.isTextual() || n.asText().isEmpty()) {
      throw new IOException(endpoint + " returned no text field '" + field + "'");
    }
    return n.asText();
  }

  /** Changed paths; a renamed file counts its old path too. */
  static List<String> files(List<JsonNode> files) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : files) {
      String now = f.path("filename").asText("");
      String before = f.path("previous_filename").asText("");
      if (!now.isEmpty()) {
        out.add(now);
      }
      if (!before.isEmpty() && !before.equals(now)) {
        out.add(before);
      }
    }
    return out;
  }

  static Comment comment(JsonNode c) {
    return new Comment(
        c.path("id").asText(""),
        login(c),
        c.path("body").asText(""),
        Times.parse(c.path("created_at").asText("")));
  }

  /**
   * Reviews with their commit; a dismissed one never counts, and pending ones (drafts nobody sees
   * yet) and review requests are not reviews.
   */
  static List<Review> reviews(List<JsonNode> reviews) {
    List<Review> out = new ArrayList<>();
    for (JsonNode r : reviews) {
      Review.State state =
          switch (r.path("state").asText("")) {
            case "APPROVED" -> Review.State.APPROVED;
            case "REQUEST_CHANGES" -> Review.State.CHANGES_REQUESTED;
            case "COMMENT" -> Review.State.COMMENTED;
            default -> null;
          };
      if (state == null || r.path("dismissed").asBoolean(false)) {
        continue;
      }
      out.add(
          new Review(
              login(r),
              state,
              r.path("commit_id").asText(""),
              Times.parse(r.path("submitted_at").asText(""))));
    }
    return out;
  }

  /** The newest status per context; Gitea keeps each one posted. */
  static Map<String, CommitStatus> statuses(List<JsonNode> statuses) {
    Map<String, JsonNode> newest = new HashMap<>();
    for (JsonNode s : statuses) {
      String context = s.path("context").asText("");
      JsonNode known = newest.get(context);
      if (!context.isEmpty()
          && (known == null || s.path("id").asLong() > known.path("id").asLong())) {
        newest.put(context, s);
      }
    }
    Map<String, CommitStatus> out = new LinkedHashMap<>();
    newest.forEach(
        (context, s) ->
            GiteaStatuses.read(s.path("status").asText(""))
                .ifPresent(
                    state ->
                        out.put(
                            context,
                            new CommitStatus(
                                context,
                                state,
                                s.path("description").asText(""),
                                s.path("target_url").asText("")))));
    return out;
  }
}
