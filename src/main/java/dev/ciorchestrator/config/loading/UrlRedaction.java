package dev.ciorchestrator.config.loading;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides credentials in repository URLs ({@code https://user:token@host/...}) wherever a URL may
 * reach a log line, an error or the API: in our own messages and in JGit's exception texts, which
 * quote the URL as given.
 */
public final class UrlRedaction {
  private static final Pattern USER_INFO =
      Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s]+)@");

  private UrlRedaction() {}

  /**
   * {@code user:secret@} becomes {@code user:***@}; a lone user part of an http(s) URL becomes
   * {@code ***@}, because forges accept a bare token there. A plain SSH user ({@code ssh://git@})
   * is not a secret and stays.
   */
  public static String redact(String text) {
    if (text == null || !text.contains("@")) {
      return text;
    }
    Matcher m = USER_INFO.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + hide(m.group(1), m.group(2))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String hide(String scheme, String userInfo) {
    int colon = userInfo.indexOf(':');
    if (colon >= 0) {
      return userInfo.substring(0, colon) + ":***@";
    }
    return scheme.toLowerCase(Locale.ROOT).startsWith("http") ? "***@" : userInfo + "@";
  }
}
