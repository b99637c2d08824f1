package dev.ciorchestrator.policy.cel;

import com.google.common.collect.ImmutableList;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code matches}, {@code regex.replace}, {@code regex.extract} and {@code regex.extractAll} as
 * cel-java defines them, with the pattern compiled through {@link RegexPatterns} (bounded in size,
 * never expanded when its repetitions multiply) and the text read through the {@link
 * EvaluationBudget}, so that one match on a long text still ends at the deadline. {@code
 * regex.replace} also refuses to build a string longer than {@link CelLimits#maxResultSize()}.
 */
final class RegexFunctions {
  private final RegexPatterns patterns;
  private final int maxResultSize;

  private RegexFunctions(RegexPatterns patterns, int maxResultSize) {
    this.patterns = patterns;
    this.maxResultSize = maxResultSize;
  }

  static List<CelFunctionBinding> bindings(RegexPatterns patterns, int maxResultSize) {
    RegexFunctions f = new RegexFunctions(patterns, maxResultSize);
    List<CelFunctionBinding> all = new ArrayList<>();
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "matches",
            CelFunctionBinding.from("matches", String.class, String.class, f::matches),
            CelFunctionBinding.from("matches_string", String.class, String.class, f::matches)));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "regex.replace",
            CelFunctionBinding.from(
                "regex_replaceAll_string_string_string",
                List.of(String.class, String.class, String.class),
                a -> f.replace((String) a[0], (String) a[1], (String) a[2], -1)),
            CelFunctionBinding.from(
                "regex_replaceCount_string_string_string_int",
                List.of(String.class, String.class, String.class, Long.class),
                a -> f.replace((String) a[0], (String) a[1], (String) a[2], (Long) a[3]))));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "regex.extract",
            CelFunctionBinding.from(
                "regex_extract_string_string", String.class, String.class, f::extract)));
    all.addAll(
        CelFunctionBinding.fromOverloads(
            "regex.extractAll",
            CelFunctionBinding.from(
                "regex_extractAll_string_string", String.class, String.class, f::extractAll)));
    return all;
  }

  private boolean matches(String text, String regex) throws CelEvaluationException {
    Matcher matcher = matcher(text, regex);
    return find(matcher);
  }

  private String replace(String text, String regex, String replacement, long count)
      throws CelEvaluationException {
    if (count == 0) {
      return text;
    }
    Matcher matcher = matcher(text, regex);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (long done = 0; (count < 0 || done < count) && find(matcher); done++) {
      out.append(text, copied, matcher.start());
      appendReplacement(out, matcher, replacement);
      copied = matcher.end();
      requireWithinBound(out, text);
    }
    out.append(text, copied, text.length());
    requireWithinBound(out, text);
    return out.toString();
  }

  // A replacement may keep a long text's length, never grow a string past the bound.
  private void requireWithinBound(StringBuilder out, String text) throws CelEvaluationException {
    if (out.length() > maxResultSize && out.length() > text.length()) {
      throw new CelInvalidArgumentException(
          "regex.replace would produce more than " + maxResultSize + " characters");
    }
  }

  private Optional<String> extract(String text, String regex) throws CelEvaluationException {
    Matcher matcher = matcher(text, regex);
    if (!find(matcher)) {
      return Optional.empty();
    }
    requireAtMostOneGroup(matcher, regex);
    return Optional.ofNullable(matcher.group(matcher.groupCount()));
  }

  private ImmutableList<String> extractAll(String text, String regex)
      throws CelEvaluationException {
    Matcher matcher = matcher(text, regex);
    requireAtMostOneGroup(matcher, regex);
    EvaluationBudget budget = EvaluationBudget.current();
    ImmutableList.Builder<String> found = ImmutableList.builder();
    while (find(matcher)) {
      String match = matcher.group(matcher.groupCount());
      if (match != null) {
        budget.allocate(ValueSizes.REFERENCE + ValueSizes.HEADER + 2L * match.length());
        found.add(match);
      }
    }
    return found.build();
  }

  private Matcher matcher(String text, String regex) throws CelEvaluationException {
    Pattern pattern;
    try {
      pattern = patterns.compile(regex);
    } catch (RegexPatterns.Refused e) {
      throw new CelInvalidArgumentException(e.getMessage());
    }
    return pattern.matcher(
        BudgetedText.of(text, EvaluationBudget.current(), pattern.programSize()));
  }

  private static boolean find(Matcher matcher) throws CelEvaluationException {
    try {
      return matcher.find();
    } catch (BudgetedText.Stopped e) {
      throw e.evaluationError();
    }
  }

  private static void requireAtMostOneGroup(Matcher matcher, String regex)
      throws CelEvaluationException {
    if (matcher.groupCount() > 1) {
      throw new CelInvalidArgumentException(
          "Regular expression has more than one capturing group: " + regex);
    }
  }

  /** The stock replacement syntax: \0 to \9 insert a group, \\ a backslash, nothing else. */
  private static void appendReplacement(StringBuilder out, Matcher match, String replacement)
      throws CelEvaluationException {
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= replacement.length()) {
        throw new CelInvalidArgumentException("Invalid replacement string: \\ not allowed at end");
      }
      char next = replacement.charAt(i);
      if (next == '\\') {
        out.append('\\');
      } else if (Character.isDigit(next)) {
        int group = Character.digit(next, 10);
        if (group > match.groupCount()) {
          throw new CelInvalidArgumentException(
              "Replacement string references group %d but regex has only %d group(s)"
                  .formatted(group, match.groupCount()));
        }
        String value = match.group(group);
        out.append(value == null ? "" : value);
      } else {
        throw new CelInvalidArgumentException(
            "Invalid replacement string: \\ must be followed by a digit");
      }
    }
  }
}
