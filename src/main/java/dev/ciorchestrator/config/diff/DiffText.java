package dev.ciorchestrator.config.diff;

import dev.ciorchestrator.config.diff.ConfigDiff.Entry;
import dev.ciorchestrator.config.diff.ConfigDiff.Field;
import dev.ciorchestrator.domain.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A diff as lines of text, for the command line and logs: one heading line per document, then one
 * indented line per field, {@code path: before → after}. Values are on one line (line ends shown as
 * {@code \n}) and cut at {@value #MAX_VALUE} characters, so a changed script stays readable.
 */
public final class DiffText {
  static final int MAX_VALUE = 200;

  private DiffText() {}

  /** Every entry; added and removed documents with their fields too. */
  public static List<String> lines(ConfigDiff diff) {
    List<String> out = new ArrayList<>();
    for (Entry e : diff.entries()) {
      out.add(heading(e));
      for (Field f : e.fields()) {
        out.add("  " + field(f));
      }
    }
    return out;
  }

  /** {@code Job go-test: changed}. */
  public static String heading(Entry e) {
    return e.title() + ": " + e.op().name().toLowerCase(Locale.ROOT);
  }

  /** {@code timeout: 20m → 30m}; for an added document {@code timeout: 20m}. */
  public static String field(Field f) {
    if (f.before().isEmpty()) {
      return f.path() + ": " + value(f.after());
    }
    if (f.after().isEmpty()) {
      return f.path() + ": " + value(f.before());
    }
    return f.path() + ": " + value(f.before()) + " → " + value(f.after());
  }

  /** One line, cut at a word where it is long. */
  public static String value(String text) {
    return Texts.cut(text.replace("\r", "").replace("\n", "\\n"), MAX_VALUE);
  }
}
