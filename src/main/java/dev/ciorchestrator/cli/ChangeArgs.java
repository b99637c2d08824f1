package dev.ciorchestrator.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operands of one {@code change} subcommand: positional words, {@code --name value} options and
 * {@code --flag}s, each checked against what the subcommand takes. Every subcommand takes {@link
 * #COMMON} as well.
 */
record ChangeArgs(List<String> words, Map<String, String> options, Set<String> flags) {
  /** A command line the subcommand cannot take; the message is for the user. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  /** Where the service is and who calls it: taken by every subcommand. */
  static final Set<String> COMMON = Set.of("server", "token");

  static ChangeArgs parse(List<String> operands, Set<String> valued, Set<String> flagNames)
      throws UsageException {
    List<String> words = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < operands.size(); i++) {
      String arg = operands.get(i);
      if (!arg.startsWith("--")) {
        words.add(arg);
        continue;
      }
      String name = arg.substring(2);
      if (flagNames.contains(name)) {
        flags.add(name);
      } else if (valued.contains(name) || COMMON.contains(name)) {
        if (i + 1 >= operands.size()) {
          throw new UsageException(arg + " needs a value");
        }
        options.put(name, operands.get(++i));
      } else {
        throw new UsageException("unknown option " + arg);
      }
    }
    return new ChangeArgs(words, options, flags);
  }

  /** Exactly {@code count} positional words, named in {@code what} for the message. */
  ChangeArgs expectWords(int count, String what) throws UsageException {
    if (words.size() != count) {
      throw new UsageException("expected " + what);
    }
    if (!words.get(0).matches("[^/\\s]+/[^/\\s]+")) {
      throw new UsageException("repository must be owner/name: " + words.get(0));
    }
    return this;
  }

  String repo() {
    return words.get(0);
  }

  long number() throws UsageException {
    try {
      long n = Long.parseLong(words.get(1));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new UsageException("change number must be a positive integer: " + words.get(1));
  }

  String required(String option) throws UsageException {
    String value = options.get(option);
    if (value == null || value.isBlank()) {
      throw new UsageException("--" + option + " is required");
    }
    return value;
  }

  Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  boolean flag(String name) {
    return flags.contains(name);
  }
}
