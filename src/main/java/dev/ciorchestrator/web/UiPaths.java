package dev.ciorchestrator.web;

import java.util.regex.Pattern;

/**
 * The web UI's routes ({@code web.ui}), matched on the raw path whole. The UI authenticates by its
 * session cookie, not by the API's bearer token, so {@link ApiAuthFilter} leaves exactly these to
 * it. A spelling with {@code .} or {@code ..} segments or encoded characters is not one of them.
 */
public final class UiPaths {
  private static final String SEGMENT = "(?!\\.{1,2}(?:/|$))[A-Za-z0-9_.-]{1,100}";
  private static final String RUN_ID = "[a-z0-9][a-z0-9-]{0,62}";
  private static final Pattern ROUTES =
      Pattern.compile(
          "/|/login|/logout|/config|/config/sync"
              + "|/repos/"
              + SEGMENT
              + "/"
              + SEGMENT
              + "(?:/changes/[0-9]{1,18}(?:/rerun)?)?"
              + "|/runs/"
              + RUN_ID
              + "(?:/log|/lines|/events|/abort)?"
              + "|/jobs/"
              + RUN_ID);

  private UiPaths() {}

  /** Whether {@code rawPath} (undecoded, without the query) is a page or action of the UI. */
  public static boolean owns(String rawPath) {
    return rawPath != null && ROUTES.matcher(rawPath).matches();
  }
}
