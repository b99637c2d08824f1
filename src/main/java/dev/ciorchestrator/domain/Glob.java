package dev.ciorchestrator.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Path and name globs as users know them from GitHub Actions and .gitignore: {@code *} matches
 * within one path segment, {@code **} across segments ({@code **}{@code /} also matches no
 * segment), {@code ?} one character, {@code [abc]} / {@code [!abc]} a class, {@code {a,b}}
 * alternatives.
 */
public final class Glob {
  private final String text;
  private final Pattern pattern;
  // The text before the first wildcard, which every match starts with: most values a plan
  // matches fail on it, and a startsWith costs a fraction of running the pattern.
  private final String prefix;

  private Glob(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
    int wildcard = 0;
    while (wildcard < text.length() && "*?[]{},".indexOf(text.charAt(wildcard)) < 0) {
      wildcard++;
    }
    this.prefix = text.substring(0, wildcard);
  }

  /**
   * @throws IllegalArgumentException with a user-facing reason if the glob is malformed
   */
  public static Glob compile(String glob) {
    return compile(glob, "[^/]");
  }

  /**
   * A glob over repository names; same syntax, but {@code *} and {@code ?} also match {@code /}.
   */
  public static Glob repositories(String glob) {
    return compile(glob, ".");
  }

  private static Glob compile(String glob, String anyChar) {
    Objects.requireNonNull(glob, "glob");
    if (glob.isEmpty()) {
      throw new IllegalArgumentException("empty glob");
    }
    return new Glob(glob, Pattern.compile(toRegex(glob, anyChar)));
  }

  public boolean matches(String value) {
    return value.startsWith(prefix) && pattern.matcher(value).matches();
  }

  public static boolean isLiteral(String glob) {
    return glob.chars().noneMatch(c -> "*?[]{}".indexOf(c) >= 0);
  }

  @Override
  public String toString() {
    return text;
  }

  private static String toRegex(String glob, String anyChar) {
    StringBuilder re = new StringBuilder();
    int braces = 0;
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          boolean dbl = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
          if (dbl) {
            boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
            re.append(slashAfter ? "(?:.*/)?" : ".*");
            i += slashAfter ? 3 : 2;
            continue;
          }
          re.append(anyChar).append('*');
        }
        case '?' -> re.append(anyChar);
        case '[' -> {
          int close = glob.indexOf(']', i + 1);
          if (close < 0 || close == i + 1) {
            throw new IllegalArgumentException("unclosed '[' at offset " + i);
          }
          String body = glob.substring(i + 1, close);
          boolean negate = body.startsWith("!");
          re.append('[').append(negate ? "^" : "");
          for (char b : (negate ? body.substring(1) : body).toCharArray()) {
            re.append(b == '\\' || b == '^' || b == '[' ? "\\" + b : String.valueOf(b));
          }
          re.append(']');
          i = close + 1;
          continue;
        }
        case ']' -> throw new IllegalArgumentException("unmatched ']' at offset " + i);
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            throw new IllegalArgumentException("unmatched '}' at offset " + i);
          }
          braces--;
          re.append(')');
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    if (braces > 0) {
      throw new IllegalArgumentException("unclosed '{'");
    }
    return re.toString();
  }
}
