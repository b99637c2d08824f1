package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.Review;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's JSON shapes (pulls, files, reviews, issue comments, combined status) read into the
 * neutral records; pure. A field the adapter cannot do without that is missing or of the wrong type
 * is an {@link IOException} naming the endpoint and the field.
 */
final class PullJson {
  private PullJson() {}

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

  static Instant time(JsonNode node, String field) {
    String raw = node.path(field).asText("");
    try {
      return raw.isEmpty() ? null : Instant.parse(raw);
    } catch (DateTimeParseException e) {
      return null; // a time we cannot read orders as the epoch; the rest of the object still counts
    }
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
                      login(r), s, r.path("commit_id").asText(""), time(r, "submitted_at"))));
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
        c.path("id").asText(""), login(c), c.path("body").asText(""), time(c, "created_at"));
  }

  /** How many 👀 reactions a comment has, from the rollup GitHub puts in every comment. */
  static int eyes(JsonNode comment) {
    return comment.path("reactions").path("eyes").asInt(0);
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
