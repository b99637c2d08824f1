package dev.ciorchestrator.intake;

/** A JSON body that is not what it must be; {@link #field()} names the culprit. */
public final class JsonProblem extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;

  public JsonProblem(String message, String field) {
    super(message, null, false, false); // an answer to bad input, not a bug
    this.field = field;
  }

  /** The JSON path ({@code pull_request.head.sha}, {@code commits[2].id}), {@code ""} for all. */
  public String field() {
    return field;
  }
}
