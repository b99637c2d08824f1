package dev.ciorchestrator.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code Range: bytes=…} of RFC 9110, resolved against a length; inclusive bounds. */
record ByteRange(long first, long last) {
  private static final Pattern ONE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  long length() {
    return last - first + 1;
  }

  /**
   * Empty when no range was asked for (the whole file).
   *
   * @throws IllegalArgumentException a range that is malformed, several ranges, or none of the
   *     file: answered 416
   */
  static Optional<ByteRange> parse(String header, long size) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    Matcher m = ONE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      throw new IllegalArgumentException(
          "Range must be one range bytes=first-last, bytes=first- or bytes=-suffix: " + header);
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0 || size == 0) {
          throw new IllegalArgumentException("Range selects no byte of " + size + ": " + header);
        }
        return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      if (first >= size || last < first) {
        throw new IllegalArgumentException("Range selects no byte of " + size + ": " + header);
      }
      return Optional.of(new ByteRange(first, last));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Range has a number out of bounds: " + header);
    }
  }
}
