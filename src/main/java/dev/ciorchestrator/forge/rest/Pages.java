package dev.ciorchestrator.forge.rest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of a listing is: the {@code Link: <…>; rel="next"} every forge we serve
 * sends, else GitLab's {@code X-Next-Page} (it leaves {@code Link} out of very long listings). Only
 * links to the API's own origin are followed: the token must never go anywhere else, whatever a
 * header says.
 */
final class Pages {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

  private final URI base;

  Pages(URI base) {
    this.base = base;
  }

  /** The next page's URL after the page {@code url} answered with {@code headers}. */
  Optional<String> next(String url, HttpHeaders headers) throws IOException {
    for (String link : headers.allValues("link")) {
      Matcher m = NEXT.matcher(link);
      if (m.find()) {
        URI next = URI.create(m.group(1));
        if (!sameOrigin(next)) {
          throw new IOException("a Link header points outside " + base + ": " + next.getHost());
        }
        return Optional.of(next.toString());
      }
    }
    Optional<String> page = headers.firstValue("x-next-page").map(String::strip);
    if (page.isPresent() && NUMBER.matcher(page.get()).matches()) {
      return Optional.of(withPage(url, Integer.parseInt(page.get())));
    }
    return Optional.empty();
  }

  /** {@code url} asking for page {@code number} instead of the one it asks for. */
  static String withPage(String url, int number) {
    String without = url.replaceAll("([?&])page=[0-9]*(&|$)", "$1").replaceAll("[?&]$", "");
    return without + (without.contains("?") ? "&" : "?") + "page=" + number;
  }

  private boolean sameOrigin(URI other) {
    return base.getScheme().equalsIgnoreCase(other.getScheme())
        && base.getHost().equalsIgnoreCase(other.getHost())
        && base.getPort() == other.getPort();
  }
}
