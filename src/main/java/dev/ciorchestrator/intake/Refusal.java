package dev.ciorchestrator.intake;

import java.time.Duration;

/**
 * A request the intake answers itself, before or while its body is read: the status and the JSON
 * error body {@code {"error": ..., "field": ...}} naming the header or field to blame ({@code ""}
 * for the request as a whole).
 *
 * @param reason a bounded word for metrics and logs: {@code too_large}, {@code too_slow}, {@code
 *     busy}, {@code unauthorized}, {@code malformed}
 * @param challenge the {@code WWW-Authenticate} header of a 401, or {@code ""}
 */
public record Refusal(int status, String reason, String error, String field, String challenge) {
  public static final String TOO_LARGE = "too_large";
  public static final String TOO_SLOW = "too_slow";
  public static final String BUSY = "busy";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String MALFORMED = "malformed";

  public Refusal {
    challenge = challenge == null ? "" : challenge;
  }

  /** A refusal without an authentication challenge. */
  public Refusal(int status, String reason, String error, String field) {
    this(status, reason, error, field, "");
  }

  /** 401 naming {@code field}, with the {@code WWW-Authenticate} {@code challenge} to answer. */
  public static Refusal unauthorized(String error, String field, String challenge) {
    return new Refusal(401, UNAUTHORIZED, error, field, challenge);
  }

  /**
   * 413: the body is, or turned out to be, larger than {@code limit}, which {@code setting} sets.
   */
  public static Refusal tooLarge(long limit, String setting) {
    return new Refusal(
        413, TOO_LARGE, "body is larger than " + limit + " bytes (" + setting + ")", "");
  }

  /** 408: the body did not arrive within {@code timeout}. */
  public static Refusal tooSlow(Duration timeout) {
    String within =
        timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    return new Refusal(
        408,
        TOO_SLOW,
        "body not received within " + within + " (ci.intake.body-timeout); send it at once",
        "");
  }

  /** 503: no room to take the body now; the answer carries {@code Retry-After}. */
  public static Refusal busy(String why) {
    return new Refusal(503, BUSY, why + "; retry later", "");
  }

  /** 400 for a body that is not what the endpoint takes. */
  public static Refusal malformed(String error, String field) {
    return new Refusal(400, MALFORMED, error, field);
  }
}
