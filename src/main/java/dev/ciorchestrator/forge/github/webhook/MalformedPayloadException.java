package dev.ciorchestrator.forge.github.webhook;

/** A delivery's body is not the JSON its event promises; {@link #field()} names the culprit. */
public final class MalformedPayloadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;

  public MalformedPayloadException(String message, String field) {
    super(message, null, false, false); // an answer to bad input, not a bug
    this.field = field;
  }

  /** The JSON path ({@code pull_request.head.sha}), or {@code ""} for the body as a whole. */
  public String field() {
    return field;
  }
}
