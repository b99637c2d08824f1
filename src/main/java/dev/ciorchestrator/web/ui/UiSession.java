package dev.ciorchestrator.web.ui;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * Who is looking at a page: the user of a valid session cookie, or nobody. Set by {@link
 * UiAuthFilter} before the request reaches a page.
 */
@RequestScoped
public class UiSession {
  private String login;
  private String cookie;
  private String anonymousCsrf;
  private String notice = "";

  void loggedIn(String login, String cookie) {
    this.login = login;
    this.cookie = cookie;
  }

  void anonymousCsrf(String value) {
    this.anonymousCsrf = value;
  }

  void notice(String key) {
    this.notice = key;
  }

  /** The {@code ?notice=} key an action's redirect left; empty for none. */
  String notice() {
    return notice;
  }

  /** The logged-in user; empty for an anonymous visitor. */
  public Optional<String> login() {
    return Optional.ofNullable(login);
  }

  /** The session cookie's value; null when anonymous. */
  String cookie() {
    return cookie;
  }

  /** The login form's double-submit cookie as the browser sent it; null if it sent none. */
  String anonymousCsrf() {
    return anonymousCsrf;
  }
}
