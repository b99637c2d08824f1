package dev.ciorchestrator.config.recipes;

import dev.ciorchestrator.config.validation.Suggestions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One declared recipe parameter. Its value reaches the script only as the environment variable
 * {@link #envName()}, never as text spliced into the script, so no value can inject shell code.
 *
 * @param defaultValue null when the parameter has no default
 * @param allowed empty when any value is allowed
 */
public record Param(String name, String defaultValue, List<String> allowed, boolean required) {
  public static final String ENV_PREFIX = "PARAM_";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  public Param {
    allowed = List.copyOf(allowed);
  }

  /** {@code packages} → {@code PARAM_PACKAGES}; {@code fail-on} → {@code PARAM_FAIL_ON}. */
  public String envName() {
    return envName(name);
  }

  public static String envName(String name) {
    return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** Why {@code name} cannot name a parameter, if it cannot. */
  public static Optional<String> nameProblem(String name) {
    return NAME.matcher(name).matches()
        ? Optional.empty()
        : Optional.of(
            "invalid parameter name '"
                + name
                + "': lowercase letters, digits, '_' and '-', starting with a letter");
  }

  /** Why this declaration contradicts itself, if it does. */
  public Optional<String> declarationProblem() {
    if (required && defaultValue != null) {
      return Optional.of("a required parameter has no default: drop one of them");
    }
    if (defaultValue != null && !allowed.isEmpty() && !allowed.contains(defaultValue)) {
      return Optional.of(
          "default '" + defaultValue + "' is not one of allowed " + String.join(", ", allowed));
    }
    return Optional.empty();
  }

  /** Why {@code value} is not acceptable for this parameter, if it is not. */
  public Optional<String> valueProblem(String value) {
    if (allowed.isEmpty() || allowed.contains(value)) {
      return Optional.empty();
    }
    return Optional.of(
        "value '"
            + value
            + "' is not allowed for parameter '"
            + name
            + "' (allowed: "
            + String.join(", ", allowed)
            + ")"
            + Suggestions.didYouMean(value, allowed));
  }
}
