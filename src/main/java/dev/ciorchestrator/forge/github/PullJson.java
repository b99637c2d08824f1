package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.Review;
import dev.ciorchestrator.forge.hosted.ChangeFacts;
import dev.ciorchestrator.forge.hosted.Note;
import dev.ciorchestrator.forge.hosted.Times;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's JSON shapes (pulls, files, reviews, issue comments, combined status) read into the
 * neutral {@link ChangeFacts}; pure. A field the adapter cannot do without that is missing or of
 * the wrong type is an {@link IOException} naming the endpoint and the field. A {@code user} that
 * is null (a deleted account, which GitHub's schema allows) reads as nobody: {@code ""}.
 */
final class PullJson {
  private PullJson() {}

  /** The facts of one pull request from the answers of its five requests. */
  static ChangeFacts facts(
      String endpoint,
      JsonNode pull,
      List<JsonNode> files,
      List<JsonNode> reviews,
      List<JsonNode> comments,
      JsonNode status)
      throws IOException {
    JsonNode mergeable = pull.path("mergeable");
    return new ChangeFacts(
        number(pull, endpoint),
        pull.path("title").asText(""),
        login(pull),
        pull.path("draft").asBoolean(false),
        labels(pull),
        text(pull, endpoint, "base", "ref"),
        pull.path("base").path("sha").asText(""),
        pull.path("head").path("ref").asText(""),
        text(pull, endpoint, "head", "sha"),
        files(files),
        mergeable.isBoolean() ? mergeable.asBoolean() : null,
        Times.parse(pull.path("created_at").asText("")),
        Times.parse(pull.path("updated_at").asText("")),
        comments.stream().map(PullJson::note).toList(),
        reviews(reviews),
        statuses(status));
  }

  static long number(JsonNode pull, String endpoint) throws IOException {
    JsonNode n = pull.path("number");
    if (!n.canConvertToLong()) {
      throw new IOException(endpoint + " returned a pull request without a numeric 'number'");
    }
    return n.asLong();
  }

  static String text(JsonNode node, String endpoint, String... path) throws IOException {
    JsonNode n = node;
    for (String p : path) {
      n = n.path(p);
    }
    if (!n.isTextual()) {
      throw new IOException(endpoint + " returned no text field '" + String.join(".", path) + "'");
    }
    return n.asText();
  }

  static String login(JsonNode node) {
    return node.path("user").path("login").asText("");
  }

  static List<String> labels(JsonNode pull) {
    List<String> out = new ArrayList<>();
    pull.path("labels").forEach(l -> out.add(l.path("name").asText("")));
    out.removeIf(String::isEmpty);
    return out;
  }

  /** Changed paths; a rename counts its old path too, so path filters see both. */
  static List<String> files(List<JsonNode> files) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : files) {
      String name = f.path("filename").asText("");
      if (!name.isEmpty()) {
        out.add(name);
      }
      String previous = f.path("previous_filename").asText("");
      if (!previous.isEmpty()) {
        out.add(previous);
      }
    }
    return out;
  }

  /** Submitted reviews; {@code PENDING} ones (drafts only their author sees) are left out. */
  static List<Review> reviews(List<JsonNode> reviews) {
    List<Review> out = new ArrayList<>();
    for (JsonNode r : reviews) {
      Optional<Review.State> state = reviewState(r.path("state").asText(""));
      state.ifPresent(
          s ->
              out.add(
                  new Review(
                      login(r),
                      s,
                      r.path("commit_id").asText(""),
                      Times.parse(r.path("submitted_at").asText("")))));
    }
    return out;
  }

  private static Optional<Review.State> reviewState(String raw) {
    try {
      return Optional.of(Review.State.valueOf(raw.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Comment comment(JsonNode c) {
    return new Comment(
        c.path("id").asText(""),
        login(c),
        c.path("body").asText(""),
        Times.parse(c.path("created_at").asText("")));
  }

  /**
   * A comment, with what its reactions rollup says of 👀: the rollup is optional in GitHub's
   * schema, and without it nothing is known.
   */
  static Note note(JsonNode c) {
    JsonNode eyes = c.path("reactions").path("eyes");
    Note.Eyes seen =
        !eyes.canConvertToLong()
            ? Note.Eyes.UNKNOWN
            : eyes.asLong() > 0 ? Note.Eyes.SOME : Note.Eyes.NONE;
    return new Note(comment(c), seen);
  }

  /** The latest status per context from {@code GET /commits/{ref}/status}. */
  static Map<String, CommitStatus> statuses(JsonNode combined) {
    Map<String, CommitStatus> out = new LinkedHashMap<>();
    for (JsonNode s : combined.path("statuses")) {
      String context = s.path("context").asText("");
      Optional<CommitStatus.State> state = statusState(s.path("state").asText(""));
      if (!context.isEmpty() && state.isPresent() && !out.containsKey(context)) {
        out.put(
            context,
            new CommitStatus(
                context,
                state.get(),
                s.path("description").asText(""),
                s.path("target_url").asText("")));
      }
    }
    return out;
  }

  private static Optional<CommitStatus.State> statusState(String raw) {
    try {
      return Optional.of(CommitStatus.State.valueOf(raw.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
