package dev.ciorchestrator.upload;

/**
 * An upload the controller refuses: the HTTP status to answer and the request field at fault
 * ({@code Authorization}, {@code path}, {@code offset}, the body {@code ""}).
 */
public final class UploadRefused extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;

  public UploadRefused(int status, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
