package dev.ciorchestrator.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.forge.command.Review;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The request bodies of {@link LocalForgeResource}, each read by {@link JsonBody} and checked here
 * so a refusal names the JSON field ({@code head}), not the store's parameter ({@code headSha}).
 */
final class ChangeRequests {
  // Full object ids only, as the store demands: an abbreviation can become ambiguous later.
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private ChangeRequests() {}

  /** {@code POST .../changes}; {@code head} is null when absent (the source branch tip then). */
  record Open(
      String title, String author, String source, String target, boolean draft, String head) {
    static Open read(ObjectMapper json, String body) {
      JsonBody b =
          JsonBody.parse(
              json, body, Set.of("title", "author", "source", "target", "draft", "head"));
      Open open =
          new Open(
              b.text("title"),
              b.text("author"),
              b.text("source"),
              b.text("target"),
              b.bool("draft", false),
              optionalSha(b, "head"));
      if (open.source.equals(open.target)) {
        throw ApiException.badRequest("target must differ from source", "target");
      }
      return open;
    }
  }

  /** {@code POST .../comments}. */
  record NewComment(String author, String body) {
    static NewComment read(ObjectMapper json, String body) {
      JsonBody b = JsonBody.parse(json, body, Set.of("author", "body"));
      return new NewComment(b.text("author"), b.text("body"));
    }
  }

  /** {@code POST .../reviews}; {@code state} is a {@link Review.State} in lower case. */
  record NewReview(String author, Review.State state, String commit) {
    static NewReview read(ObjectMapper json, String body) {
      JsonBody b = JsonBody.parse(json, body, Set.of("author", "state", "commit"));
      return new NewReview(b.text("author"), reviewState(b), sha(b, "commit"));
    }
  }

  /** {@code POST .../push}; {@code head} is null when absent (the source branch tip then). */
  record Push(String head) {
    static Push read(ObjectMapper json, String body) {
      return new Push(optionalSha(JsonBody.parse(json, body, Set.of("head")), "head"));
    }
  }

  private static String optionalSha(JsonBody b, String field) {
    return b.optionalText(field) == null ? null : sha(b, field);
  }

  private static String sha(JsonBody b, String field) {
    String value = b.text(field);
    if (!SHA.matcher(value).matches()) {
      throw ApiException.badRequest(
          field + " must be a full lowercase hex commit id: " + value, field);
    }
    return value;
  }

  private static Review.State reviewState(JsonBody b) {
    String value = b.text("state");
    return Arrays.stream(Review.State.values())
        .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "state must be one of "
                        + Arrays.stream(Review.State.values())
                            .map(s -> s.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "))
                        + ": "
                        + value,
                    "state"));
  }
}
