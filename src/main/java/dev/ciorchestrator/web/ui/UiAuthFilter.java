package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.runtime.PublicUrl;
import dev.ciorchestrator.web.ApiAccessSettings;
import dev.ciorchestrator.web.UiPaths;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Who visits the UI ({@link UiPaths}), from the session cookie, before a page is routed. A form
 * (any POST) must come from a page of this service: a browser's {@code Origin} or {@code
 * Sec-Fetch-Site} naming another site is refused before its body is read; the form's CSRF token is
 * checked by the action itself. With {@code ci.api.reads=token} an anonymous visitor is sent to the
 * login page, as the API would refuse them.
 */
public class UiAuthFilter {
  private final UiAuth auth;
  private final UiSession session;
  private final ApiAccessSettings access;
  private final PublicUrl publicUrl;

  @Inject
  public UiAuthFilter(
      UiAuth auth, UiSession session, ApiAccessSettings access, PublicUrl publicUrl) {
    this.auth = auth;
    this.session = session;
    this.access = access;
    this.publicUrl = publicUrl;
  }

  /** Null lets the request through, with {@link UiSession} set. */
  @ServerRequestFilter(preMatching = true)
  public Response visit(ContainerRequestContext request) {
    URI uri = request.getUriInfo().getRequestUri();
    String path = uri.getRawPath();
    if (!UiPaths.owns(path)) {
      return null;
    }
    Cookie cookie = request.getCookies().get(UiAuth.SESSION_COOKIE);
    if (cookie != null) {
      auth.verify(cookie.getValue()).ifPresent(login -> session.loggedIn(login, cookie.getValue()));
    }
    Cookie csrf = request.getCookies().get(UiAuth.CSRF_COOKIE);
    if (csrf != null) {
      session.anonymousCsrf(csrf.getValue());
    }
    String notice = request.getUriInfo().getQueryParameters().getFirst("notice");
    if (notice != null) {
      session.notice(notice);
    }
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return sameSite(request) ? null : refuse(Status.FORBIDDEN, crossSite());
    }
    if (access.reads() == ApiAccessSettings.Reads.TOKEN
        && session.login().isEmpty()
        && !path.equals("/login")) {
      return toLogin(path, uri.getRawQuery());
    }
    return null;
  }

  /**
   * A browser names where a form came from; a request without either header is not a browser's
   * cross-site form (those always carry {@code Origin}), and still needs the CSRF token.
   */
  private boolean sameSite(ContainerRequestContext request) {
    String fetchSite = request.getHeaderString("Sec-Fetch-Site");
    if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
      return false;
    }
    String origin = request.getHeaderString("Origin");
    if (origin == null) {
      return true;
    }
    String host = request.getHeaderString(HttpHeaders.HOST);
    return origin.equals(publicUrl.get())
        || (host != null && (origin.equals("http://" + host) || origin.equals("https://" + host)));
  }

  private static String crossSite() {
    return "This form was sent from another site (its Origin or Sec-Fetch-Site header says so);"
        + " the UI takes forms only from its own pages.";
  }

  private static Response toLogin(String path, String query) {
    String here = query == null ? path : path + "?" + query;
    boolean page = !path.endsWith("/events") && !path.endsWith("/lines") && !path.endsWith("/log");
    if (!page) {
      return refuse(Status.UNAUTHORIZED, "log in first: reads need a user (ci.api.reads=token)");
    }
    return Response.seeOther(
            URI.create("/login?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8)))
        .build();
  }

  private static Response refuse(Status status, String why) {
    return Response.status(status)
        .type(MediaType.TEXT_PLAIN + ";charset=utf-8")
        .entity(why)
        .build();
  }
}
