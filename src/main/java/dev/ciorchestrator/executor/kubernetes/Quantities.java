package dev.ciorchestrator.executor.kubernetes;

import java.util.regex.Pattern;

/**
 * Checks Kubernetes resource quantities before a Job is sent, so a typo in {@code resources}
 * becomes a run error that names the field instead of a 422 from the API server (which is mapped
 * too, for whatever this check lets through).
 */
final class Quantities {
  // The API server's grammar: a non-negative decimal, then a binary suffix (Ki..Ei), a decimal
  // suffix (n u m "" k M G T P E) or a decimal exponent (e3, E-2).
  private static final Pattern QUANTITY =
      Pattern.compile(
          "\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

  private Quantities() {}

  static boolean valid(String quantity) {
    return QUANTITY.matcher(quantity).matches();
  }
}
