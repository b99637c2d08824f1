package dev.ciorchestrator.config.validation;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities: {@code 500m}, {@code 2}, {@code 1.5}, {@code 1Gi}, {@code 1e3}.
 * Checked as the API server parses them (apimachinery's {@code ParseQuantity}): a non-negative
 * decimal, then a binary suffix, a decimal suffix or a decimal exponent that fits in 32 bits. A
 * value the API server would only accept by capping it (more than {@link Long#MAX_VALUE} units) is
 * refused too: a job asking for it could never be scheduled. Work is bounded by the text's length:
 * the exponent is never expanded into digits.
 */
public final class Quantities {
  private static final Pattern QUANTITY =
      Pattern.compile(
          "\\+?(\\d+(?:\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE]([+-]?\\d+))?");
  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  // an exponent longer than this is out of the API server's 32-bit range whatever its digits
  private static final int EXPONENT_DIGITS = 11;

  private Quantities() {}

  /** Why {@code value} is no quantity; {@code what} is {@code cpu} or {@code memory}. */
  public static Optional<String> problem(String what, String value) {
    Matcher m = QUANTITY.matcher(value);
    if (!m.matches()) {
      return Optional.of(
          "invalid "
              + what
              + " quantity '"
              + value
              + "': expected a Kubernetes quantity like 500m, 2 or 1Gi");
    }
    String exponent = m.group(3);
    if (exponent != null
        && (exponent.length() > EXPONENT_DIGITS || !fitsInt(Long.parseLong(exponent)))) {
      return Optional.of(
          "invalid " + what + " quantity '" + value + "': the exponent is out of range");
    }
    if (amount(m.group(1), m.group(2), exponent).compareTo(MAX) > 0) {
      return Optional.of(
          "invalid "
              + what
              + " quantity '"
              + value
              + "': larger than Kubernetes can represent ("
              + Long.MAX_VALUE
              + ")");
    }
    return Optional.empty();
  }

  private static boolean fitsInt(long exponent) {
    return exponent >= Integer.MIN_VALUE && exponent <= Integer.MAX_VALUE;
  }

  /** Scaling a BigDecimal by a power of ten only moves its scale: cheap for any exponent. */
  private static BigDecimal amount(String number, String suffix, String exponent) {
    BigDecimal n = new BigDecimal(number.startsWith(".") ? "0" + number : number);
    if (exponent != null) {
      return scaled(n, Integer.parseInt(exponent));
    }
    if (suffix == null) {
      return n;
    }
    return switch (suffix) {
      case "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" ->
          n.multiply(BigDecimal.valueOf(2).pow(10 * ("KMGTPE".indexOf(suffix.charAt(0)) + 1)));
      default -> scaled(n, decimalExponent(suffix));
    };
  }

  /**
   * {@code n} times ten to {@code power}; where the scale would leave an int, the value is far
   * above {@link #MAX} or far below one, and only that matters.
   */
  private static BigDecimal scaled(BigDecimal n, int power) {
    long scale = (long) n.scale() - power;
    if (n.signum() == 0 || scale > Integer.MAX_VALUE) {
      return BigDecimal.ZERO;
    }
    if (scale < Integer.MIN_VALUE) {
      return MAX.add(BigDecimal.ONE);
    }
    return n.scaleByPowerOfTen(power);
  }

  private static int decimalExponent(String suffix) {
    return switch (suffix) {
      case "n" -> -9;
      case "u" -> -6;
      case "m" -> -3;
      case "k" -> 3;
      case "M" -> 6;
      case "G" -> 9;
      case "T" -> 12;
      case "P" -> 15;
      default -> 18; // E
    };
  }
}
