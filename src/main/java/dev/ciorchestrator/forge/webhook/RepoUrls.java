package dev.ciorchestrator.forge.webhook;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether two Git URLs name the same repository on the same host, whatever the transport: a
 * push payload lists {@code https://github.com/o/r.git}, {@code git@github.com:o/r.git} and {@code
 * git://github.com/o/r.git}, while the config repository may be set with any of them, with
 * credentials in it. Hosts and paths compare case-insensitively (GitHub's names are); ports are
 * ignored, because SSH and HTTPS reach one host on different ports.
 */
public final class RepoUrls {
  // scp-like "user@host:path" or "host:path", as ConfigSources reads it
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/:]+@)?([^@/:]{2,}):(?!//)(.*)");

  private RepoUrls() {}

  /**
   * {@code host/owner/name}, lowercase, without user, port and {@code .git}; empty for a local
   * folder or {@code file://} URL, which no forge reports.
   */
  public static Optional<String> key(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String u = url.strip();
    int scheme = u.indexOf("://");
    if (scheme >= 0) {
      if (u.substring(0, scheme).equalsIgnoreCase("file")) {
        return Optional.empty();
      }
      String rest = u.substring(scheme + 3);
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      return of(host(authority), slash < 0 ? "" : rest.substring(slash));
    }
    Matcher scp = SCP_LIKE.matcher(u);
    return scp.matches() ? of(scp.group(1), scp.group(2)) : Optional.empty();
  }

  /** Whether both URLs name one repository; never true for local folders. */
  public static boolean same(String a, String b) {
    Optional<String> ka = key(a);
    return ka.isPresent() && ka.equals(key(b));
  }

  private static String host(String authority) {
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    if (hostPort.startsWith("[")) { // IPv6 literal
      int end = hostPort.indexOf(']');
      return end < 0 ? hostPort : hostPort.substring(0, end + 1);
    }
    int colon = hostPort.indexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  private static Optional<String> of(String host, String path) {
    String p = path.replaceAll("/+$", "").replaceAll("^/+", "");
    if (p.toLowerCase(Locale.ROOT).endsWith(".git")) {
      p = p.substring(0, p.length() - 4);
    }
    if (host.isEmpty() || p.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((host + "/" + p).toLowerCase(Locale.ROOT));
  }
}
