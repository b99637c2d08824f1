package dev.ciorchestrator.forge.webhook;

/**
 * Builds a delivery's {@link Outcome}, with what is known of it so far: its event, and once the
 * body is read, its action and repository.
 */
public final class Reply {
  private final String event;
  private final String authHeader;
  private String action = "";
  private String repo = "";

  /**
   * @param event the event name for metrics: a handled event's, else {@code other}
   * @param authHeader the header a 401 blames (the signature's, or the token's)
   */
  public Reply(String event, String authHeader) {
    this.event = event;
    this.authHeader = authHeader;
  }

  /** What the body said: its action and repository, for the log line. */
  public Reply about(String action, String repo) {
    this.action = action == null ? "" : action;
    this.repo = repo == null ? "" : repo;
    return this;
  }

  public Outcome done(int status, String result, String message) {
    return new Outcome(status, result, event, action, repo, message, "");
  }

  public Outcome refuse(int status, String result, String message, String field) {
    return new Outcome(status, result, event, action, repo, message, field);
  }

  public Outcome unauthorized(String message) {
    return refuse(401, Outcome.UNAUTHORIZED, message, authHeader);
  }

  public Outcome missingHeader(String header) {
    return refuse(400, Outcome.MALFORMED, "missing " + header + " header", header);
  }

  public Outcome tooLarge(long limit, String setting) {
    return refuse(
        413, Outcome.TOO_LARGE, "body is larger than " + limit + " bytes (" + setting + ")", "");
  }
}
