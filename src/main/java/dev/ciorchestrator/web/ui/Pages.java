package dev.ciorchestrator.web.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds each page's {@link Chrome} for the visitor of the current request. */
@ApplicationScoped
public class Pages {
  /** The notices an action may leave (by redirecting with {@code ?notice=<key>}). */
  static final Map<String, String> NOTICES =
      Map.of(
          "logged-in", "You are logged in.",
          "logged-out", "You are logged out.",
          "rerun",
              "Rerun asked for: a /test comment was posted as you; the job starts on the"
                  + " next pass.",
          "abort", "Abort asked for: the run ends as aborted.",
          "synced", "The config was synced.",
          "sync-failed",
              "The config was checked: its revision has errors, listed below; the last good"
                  + " config keeps running.");

  private final UiSession session;
  private final UiAuth auth;

  @Inject
  public Pages(UiSession session, UiAuth auth) {
    this.session = session;
    this.auth = auth;
  }

  /**
   * The notice is the request's {@code ?notice=}, if it is a key of {@link #NOTICES}: a link cannot
   * make a page say anything else.
   *
   * @param here this page's path and query, to come back to after logging in
   */
  Chrome chrome(String title, String nav, String here) {
    return new Chrome(
        title,
        nav,
        session.login().orElse(""),
        auth.csrf(session),
        "/login?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8),
        NOTICES.getOrDefault(session.notice(), ""));
  }

  UiSession session() {
    return session;
  }
}
