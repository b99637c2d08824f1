package dev.ciorchestrator.web.ui;

import java.util.StringJoiner;

/**
 * The SGR state of an {@link Ansi} parser: the 16 standard colours (the 256-colour forms map their
 * first 16; the rest, and 24-bit colours, are shown plain) and four attributes.
 *
 * @param fg foreground colour 0-15, or -1 for the default
 * @param bg background colour 0-15, or -1 for the default
 */
record AnsiStyle(int fg, int bg, boolean bold, boolean dim, boolean italic, boolean underline) {
  static final AnsiStyle PLAIN = new AnsiStyle(-1, -1, false, false, false, false);

  /**
   * The class names of this style, all defined in {@code ui.css}: {@code a-fN} (foreground), {@code
   * a-gN} (background), {@code a-b} (bold), {@code a-d} (dim), {@code a-i} (italic), {@code a-u}
   * (underline).
   */
  String cls() {
    if (equals(PLAIN)) {
      return "";
    }
    StringJoiner out = new StringJoiner(" ");
    if (fg >= 0) {
      out.add("a-f" + fg);
    }
    if (bg >= 0) {
      out.add("a-g" + bg);
    }
    if (bold) {
      out.add("a-b");
    }
    if (dim) {
      out.add("a-d");
    }
    if (italic) {
      out.add("a-i");
    }
    if (underline) {
      out.add("a-u");
    }
    return out.toString();
  }

  /** This style after {@code ESC[<params>m}; unknown or malformed parameters change nothing. */
  AnsiStyle apply(String params) {
    String[] codes = params.isEmpty() ? new String[] {"0"} : params.split("[;:]", -1);
    AnsiStyle s = this;
    for (int i = 0; i < codes.length; i++) {
      int code = number(codes[i]);
      if (code == 38 || code == 48) {
        int mode = i + 1 < codes.length ? number(codes[i + 1]) : -1;
        int colour = mode == 5 && i + 2 < codes.length ? number(codes[i + 2]) : -1;
        if (colour >= 0 && colour < 16) {
          s = code == 38 ? s.withFg(colour) : s.withBg(colour);
        }
        i += mode == 5 ? 2 : mode == 2 ? 4 : 1;
      } else {
        s = s.one(code);
      }
    }
    return s;
  }

  private AnsiStyle one(int code) {
    if (code >= 30 && code <= 37) {
      return withFg(code - 30);
    }
    if (code >= 90 && code <= 97) {
      return withFg(code - 90 + 8);
    }
    if (code >= 40 && code <= 47) {
      return withBg(code - 40);
    }
    if (code >= 100 && code <= 107) {
      return withBg(code - 100 + 8);
    }
    return switch (code) {
      case 0 -> PLAIN;
      case 1 -> new AnsiStyle(fg, bg, true, dim, italic, underline);
      case 2 -> new AnsiStyle(fg, bg, bold, true, italic, underline);
      case 3 -> new AnsiStyle(fg, bg, bold, dim, true, underline);
      case 4 -> new AnsiStyle(fg, bg, bold, dim, italic, true);
      case 22 -> new AnsiStyle(fg, bg, false, false, italic, underline);
      case 23 -> new AnsiStyle(fg, bg, bold, dim, false, underline);
      case 24 -> new AnsiStyle(fg, bg, bold, dim, italic, false);
      case 39 -> withFg(-1);
      case 49 -> withBg(-1);
      default -> this;
    };
  }

  private AnsiStyle withFg(int colour) {
    return new AnsiStyle(colour, bg, bold, dim, italic, underline);
  }

  private AnsiStyle withBg(int colour) {
    return new AnsiStyle(fg, colour, bold, dim, italic, underline);
  }

  /** -1 for anything but a short decimal number, so a malformed code is ignored. */
  private static int number(String code) {
    if (code.isEmpty()) {
      return 0;
    }
    if (code.length() > 3) {
      return -1;
    }
    for (int i = 0; i < code.length(); i++) {
      if (code.charAt(i) < '0' || code.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(code);
  }
}
