package dev.ciorchestrator.web.ui;

/** Query parameters read by hand, so a bad one is a page naming it, not a bare 404. */
final class Params {
  private Params() {}

  /** {@code ?page=}: 1 when absent. */
  static int page(String value) {
    if (value == null || value.isEmpty()) {
      return 1;
    }
    long n = number("page", value);
    if (n < 1 || n > 1_000_000) {
      throw UiError.badRequest("The query parameter page must be between 1 and 1000000: " + value);
    }
    return (int) n;
  }

  /** A byte offset into a log ({@code ?before=}, {@code ?offset=}); -1 when absent. */
  static long offset(String name, String value) {
    if (value == null || value.isEmpty()) {
      return -1;
    }
    return number(name, value);
  }

  private static long number(String name, String value) {
    if (value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw UiError.badRequest("The query parameter " + name + " must be a whole number: " + value);
    }
    return Long.parseLong(value);
  }
}
