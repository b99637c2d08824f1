package dev.ciorchestrator.forge.webhook;

/**
 * What became of a delivery: the HTTP answer, and what the metrics and the log line say.
 *
 * @param result {@code accepted}, {@code ignored}, {@code duplicate}, {@code unauthorized}, {@code
 *     too_large} or {@code malformed}
 * @param event the event name for metrics: a handled event's name, else {@code other}
 * @param action the payload's action, or {@code ""}
 * @param repo the repository as the payload names it, or {@code ""} when not read
 * @param message why, for the answer's body and the log
 * @param field for refusals (4xx): the header or JSON field to blame, {@code ""} for the whole body
 */
public record Outcome(
    int status,
    String result,
    String event,
    String action,
    String repo,
    String message,
    String field) {
  public static final String ACCEPTED = "accepted";
  public static final String IGNORED = "ignored";
  public static final String DUPLICATE = "duplicate";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String TOO_LARGE = "too_large";
  public static final String MALFORMED = "malformed";

  /** A refusal: a 4xx answer with an error body. */
  public boolean refused() {
    return status >= 400;
  }
}
