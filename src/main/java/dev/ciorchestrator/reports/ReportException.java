package dev.ciorchestrator.reports;

/** A report file that cannot be read; the message names why, fit for the run's problems. */
public final class ReportException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReportException(String message) {
    super(message);
  }

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
