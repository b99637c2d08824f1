package dev.ciorchestrator.policy.cel;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Estimates, from the text alone, how many instructions re2j would compile a pattern into, so that
 * a pattern whose nested repetitions multiply, such as {@code ((a{1000}){1000}){1000}}, is refused
 * before re2j expands it (re2j 1.8 bounds each count at 1000 but not their product, and expands
 * that one into a billion nodes: an {@link OutOfMemoryError}).
 *
 * <p>The estimate follows re2j's grammar closely enough never to be lower than the real size by
 * more than a small factor: what cannot be a repetition ({@code \{}, a {@code {} in a class, {@code
 * \p{Greek}}, {@code \x{41}}, {@code \Q...\E}) counts as one atom, and anything unusual counts as
 * if it were what makes the pattern larger. Linear in the pattern's length.
 */
final class RegexSize {
  // Far above any limit, far below overflow: sizes saturate here.
  private static final long CAP = 1L << 40;
  // Flags and POSIX class names are short; looking no further keeps the scan linear.
  private static final int LOOK_AHEAD = 16;

  /** The sizes of one group being read: its finished alternatives and its current sequence. */
  private static final class Group {
    long alternatives;
    long sequence;
    long last; // the atom or group a repetition would apply to
  }

  private final String pattern;
  private final Deque<Group> open = new ArrayDeque<>();
  private Group group = new Group();
  private int at;

  private RegexSize(String pattern) {
    this.pattern = pattern;
  }

  static long estimate(String pattern) {
    return new RegexSize(pattern).read();
  }

  private long read() {
    while (at < pattern.length()) {
      char c = pattern.charAt(at++);
      switch (c) {
        case '\\' -> escape();
        case '[' -> {
          skipClass();
          atom(1);
        }
        case '(' -> openGroup();
        case ')' -> closeGroup();
        case '|' -> {
          group.alternatives = add(group.alternatives, add(group.sequence, 1));
          group.sequence = 0;
          group.last = 0;
        }
        case '*', '+', '?' -> repeat(1, 1, true);
        case '{' -> countedRepeat();
        default -> atom(1);
      }
    }
    while (!open.isEmpty()) {
      closeGroup(); // unbalanced: re2j refuses it, cheaply, when it parses
    }
    return add(group.alternatives, group.sequence);
  }

  private void atom(long size) {
    group.sequence = add(group.sequence, size);
    group.last = size;
  }

  private void openGroup() {
    if (pattern.startsWith("?", at)
        && !pattern.startsWith("?P<", at)
        && !pattern.startsWith("?<", at)) {
      int close = near(")", at);
      int colon = near(":", at);
      if (close >= 0 && (colon < 0 || close < colon)) {
        at = close + 1; // (?i): flags only, no group
        return;
      }
    }
    open.push(group);
    group = new Group();
  }

  private void closeGroup() {
    if (open.isEmpty()) {
      return;
    }
    long inner = add(add(group.alternatives, group.sequence), 2); // its two capture instructions
    group = open.pop();
    atom(inner);
  }

  /** x{n}, x{n,} or x{n,m}; anything else makes the brace a literal, as in re2j. */
  private void countedRepeat() {
    int end = digits(at);
    boolean comma = end < pattern.length() && pattern.charAt(end) == ',';
    int maxEnd = comma ? digits(end + 1) : end;
    if (end == at || maxEnd >= pattern.length() || pattern.charAt(maxEnd) != '}') {
      atom(1);
      return;
    }
    long min = count(at, end);
    boolean unbounded = comma && maxEnd == end + 1;
    long max = !comma ? min : unbounded ? min + 1 : count(end + 1, maxEnd);
    at = maxEnd + 1;
    repeat(Math.max(min, max), Math.max(max - min, 0), unbounded);
  }

  private int digits(int from) {
    int end = from;
    while (end < pattern.length() && Character.isDigit(pattern.charAt(end))) {
      end++;
    }
    return end;
  }

  /** Replaces the last atom by {@code copies} of it plus {@code extra} branch instructions. */
  private void repeat(long copies, long extra, boolean loops) {
    long last = group.last;
    long grown = add(multiply(Math.max(copies, 1), last), extra + (loops ? 1 : 0));
    group.sequence = add(group.sequence - last, grown);
    group.last = grown;
  }

  private void escape() {
    if (at >= pattern.length()) {
      atom(1);
      return;
    }
    char kind = pattern.charAt(at++);
    if (kind == 'Q') {
      int end = pattern.indexOf("\\E", at);
      int stop = end < 0 ? pattern.length() : end;
      atom(Math.max(stop - at, 1)); // a run of literals; a repetition then applies to less
      at = end < 0 ? stop : end + 2;
      return;
    }
    if ((kind == 'p' || kind == 'P' || kind == 'x') && pattern.startsWith("{", at)) {
      int end = pattern.indexOf('}', at);
      at = end < 0 ? pattern.length() : end + 1;
    }
    atom(1);
  }

  /** Past the class's closing bracket; a first {@code ]} (after an optional ^) is a member. */
  private void skipClass() {
    if (pattern.startsWith("^", at)) {
      at++;
    }
    boolean first = true;
    while (at < pattern.length() && (first || pattern.charAt(at) != ']')) {
      first = false;
      if (pattern.startsWith("[:", at)) {
        int end = near(":]", at + 2);
        if (end >= 0) {
          at = end + 2;
          continue;
        }
      }
      if (pattern.charAt(at) == '\\' && at + 1 < pattern.length()) {
        char kind = pattern.charAt(at + 1);
        at += 2;
        if ((kind == 'p' || kind == 'P' || kind == 'x') && pattern.startsWith("{", at)) {
          int end = pattern.indexOf('}', at);
          at = end < 0 ? pattern.length() : end + 1;
        }
        continue;
      }
      at++;
    }
    at = Math.min(at + 1, pattern.length()); // the closing ]
  }

  private long count(int from, int to) {
    return to - from > 9 ? CAP : Long.parseLong(pattern, from, to, 10);
  }

  /** Where {@code text} next occurs within a short look-ahead (flags, class names), or -1. */
  private int near(String text, int from) {
    for (int end = from; end <= from + LOOK_AHEAD && end < pattern.length(); end++) {
      if (pattern.startsWith(text, end)) {
        return end;
      }
    }
    return -1;
  }

  private static long add(long a, long b) {
    return Math.min(a + b, CAP);
  }

  private static long multiply(long a, long b) {
    return a == 0 || b == 0 ? 0 : a > CAP / b ? CAP : Math.min(a * b, CAP);
  }
}
