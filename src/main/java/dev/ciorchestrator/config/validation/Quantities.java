package dev.ciorchestrator.config.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities: {@code 500m}, {@code 2}, {@code 1.5}, {@code 1Gi}, {@code 1e3}.
 */
public final class Quantities {
  private static final Pattern QUANTITY =
      Pattern.compile(
          "(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");

  private Quantities() {}

  /** Why {@code value} is no quantity; {@code what} is {@code cpu} or {@code memory}. */
  public static Optional<String> problem(String what, String value) {
    if (QUANTITY.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "invalid "
            + what
            + " quantity '"
            + value
            + "': expected a Kubernetes quantity like 500m, 2 or 1Gi");
  }
}
