package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.forge.local.UserTokens;
import dev.ciorchestrator.runtime.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response.Status;
import java.time.Clock;
import java.util.Optional;

/**
 * The UI's side of authentication: sessions ({@link Sessions}), their cookies, and the checks every
 * form goes through. Actions need a logged-in user; every POST needs the CSRF token of the page
 * that showed its form.
 */
@ApplicationScoped
public class UiAuth {
  static final String SESSION_COOKIE = "ci_session";
  static final String CSRF_COOKIE = "ci_csrf";

  private final Sessions sessions;
  private final UserTokens tokens;
  private final PublicUrl publicUrl;

  @Inject
  public UiAuth(UserTokens tokens, Clock clock, UiSettings settings, PublicUrl publicUrl) {
    this.sessions = new Sessions(tokens, clock, settings.sessionTtl());
    this.tokens = tokens;
    this.publicUrl = publicUrl;
  }

  Optional<String> verify(String cookie) {
    return sessions.verify(cookie);
  }

  /** The user whose token {@code token} is. */
  Optional<String> login(String token) {
    return token == null || token.isBlank() ? Optional.empty() : tokens.login(token.strip());
  }

  /** The CSRF token of the forms shown to {@code session}; empty for a visitor without one yet. */
  String csrf(UiSession session) {
    if (session.login().isPresent()) {
      return sessions.csrf(session.login().get(), session.cookie());
    }
    return session.anonymousCsrf() == null ? "" : session.anonymousCsrf();
  }

  /** Refuses a POST whose {@code csrf} field is not the token of the page that showed the form. */
  void checkForm(UiSession session, String csrf) {
    boolean ok =
        session.login().isPresent()
            ? sessions.csrfMatches(session.login().get(), session.cookie(), csrf)
            : Sessions.same(session.anonymousCsrf(), csrf);
    if (!ok) {
      throw new UiError(
          Status.FORBIDDEN,
          "This form has expired",
          "The form's csrf field does not match this browser's session: reload the page and send"
              + " the form again.");
    }
  }

  /** The logged-in user, or a 401 page saying that {@code what} needs one. */
  String requireLogin(UiSession session, String what) {
    return session
        .login()
        .orElseThrow(
            () ->
                new UiError(
                    Status.UNAUTHORIZED,
                    "Log in first",
                    what + " needs a logged-in user: log in with your token."));
  }

  NewCookie sessionCookie(String login) {
    return cookie(SESSION_COOKIE, sessions.issue(login), (int) sessions.ttl().toSeconds());
  }

  NewCookie endSession() {
    return cookie(SESSION_COOKIE, "", 0);
  }

  NewCookie csrfCookie(String value) {
    return cookie(CSRF_COOKIE, value, (int) sessions.ttl().toSeconds());
  }

  static String newCsrf() {
    return Sessions.randomToken();
  }

  // Secure whenever people reach the service over https; SameSite=Strict: no other site's page
  // can make the browser send it, not even a top-level link.
  private NewCookie cookie(String name, String value, int maxAge) {
    return new NewCookie.Builder(name)
        .value(value)
        .path("/")
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(publicUrl.get().startsWith("https:"))
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }
}
