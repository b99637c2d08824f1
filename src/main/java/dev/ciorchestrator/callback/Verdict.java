package dev.ciorchestrator.callback;

/**
 * What one delivery attempt's answer means. A receiver that is down, slow or overloaded (no answer,
 * 5xx, 408, 429) may take the report later; any other 4xx (or a redirect, which is not followed: a
 * signed body must not be re-sent where the config did not say) will refuse it again.
 */
public enum Verdict {
  DELIVERED,
  RETRY,
  REFUSED;

  /**
   * @param status the HTTP status, or 0 when there was no answer (timeout, refused connection)
   */
  public static Verdict of(int status) {
    if (status >= 200 && status < 300) {
      return DELIVERED;
    }
    if (status == 0 || status >= 500 || status == 408 || status == 429) {
      return RETRY;
    }
    return REFUSED;
  }
}
