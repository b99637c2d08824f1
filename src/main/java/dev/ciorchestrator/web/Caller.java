package dev.ciorchestrator.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response.Status;
import java.util.Locale;
import java.util.Optional;

/**
 * The user a request acts as: the owner of the token it presented, set by {@link ApiAuthFilter}
 * before the request reaches a resource. A body's {@code author} only confirms it; it never chooses
 * who acts.
 */
@RequestScoped
public class Caller {
  private String login;

  void authenticated(String login) {
    this.login = login;
  }

  /** The login of the token presented; empty for a request without one (an open read). */
  public Optional<String> login() {
    return Optional.ofNullable(login);
  }

  /**
   * The login to act as. {@code author}, when given, must be that login (in any case).
   *
   * @throws ApiException 401 without a token (the filter lets no write through without one), 403
   *     naming {@code author} when it is someone else
   */
  String actAs(String author) {
    if (login == null) {
      throw ApiAuth.missing();
    }
    if (author != null && !author.strip().toLowerCase(Locale.ROOT).equals(login)) {
      throw new ApiException(
          Status.FORBIDDEN,
          "author "
              + author
              + " is not the owner of this request's token ("
              + login
              + "): a user acts only as themselves; leave author out or send "
              + author
              + "'s own token",
          "author");
    }
    return login;
  }
}
