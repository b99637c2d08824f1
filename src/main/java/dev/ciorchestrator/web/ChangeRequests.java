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
 * {@code author} is optional everywhere: the token decides who acts, and an {@code author} sent
 * must agree with it ({@link Caller#actAs}).
 */
final class ChangeRequests {
  // Full object ids only, as the store demands: an abbreviation can become ambiguous later.
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  /**
   * GitHub's limits. Every read of a change returns all its text, so one huge comment would make
   * each read of that change as large.
   */
  static final int MAX_TITLE = 256;

  static final int MAX_COMMENT = 65_536;

  // Git allows longer ref names, but no hosted forge takes a branch name past 255.
  static final int MAX_BRANCH = 255;

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
              bounded(b, "title", MAX_TITLE),
              b.optionalText("author"),
              bounded(b, "source", MAX_BRANCH),
              bounded(b, "target", MAX_BRANCH),
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
      return new NewComment(b.optionalText("author"), bounded(b, "body", MAX_COMMENT));
    }
  }

  /**
   * {@code POST .../reviews}; {@code state} is a {@link Review.State} in lower case; {@code commit}
   * is null when absent (the change's head when the review is recorded).
   */
  record NewReview(String author, Review.State state, String commit) {
    static NewReview read(ObjectMapper json, String body) {
      JsonBody b = JsonBody.parse(json, body, Set.of("author", "state", "commit"));
      return new NewReview(b.optionalText("author"), reviewState(b), optionalSha(b, "commit"));
    }
  }

  /** {@code POST .../push}; {@code head} is null when absent (the source branch tip then). */
  record Push(String head) {
    static Push read(ObjectMapper json, String body) {
      return new Push(optionalSha(JsonBody.parse(json, body, Set.of("head")), "head"));
    }
  }

  private static String bounded(JsonBody b, String field, int max) {
    String value = b.text(field);
    int length = value.codePointCount(0, value.length());
    if (length > max) {
      throw ApiException.badRequest(
          field + " is " + length + " characters long; at most " + max + " are taken", field);
    }
    return value;
  }

  private static String optionalSha(JsonBody b, String field) {
    String value = b.optionalText(field);
    if (value != null && !SHA.matcher(value).matches()) {
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
