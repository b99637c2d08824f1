package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.web.UiPaths;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.Optional;

/**
 * {@code /login}: a user of the embedded forge logs in with their API token, posted in a form and
 * exchanged for a signed session cookie ({@link Sessions}); the token is never in a URL, a cookie
 * or a page. The form has a CSRF token of its own (a double-submit cookie), so no other site can
 * log a visitor in as someone else.
 */
@Path("/login")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {
  /** The page; {@code error} says why the last attempt failed. */
  record Login(Chrome chrome, String next, String error) implements TemplateInstance {}

  private final Pages pages;
  private final UiAuth auth;

  @Inject
  public LoginPage(Pages pages, UiAuth auth) {
    this.pages = pages;
    this.auth = auth;
  }

  @GET
  public Response page(@QueryParam("next") String next) {
    UiSession session = pages.session();
    String csrf = session.anonymousCsrf();
    boolean fresh = session.login().isEmpty() && (csrf == null || csrf.isEmpty());
    if (fresh) {
      session.anonymousCsrf(UiAuth.newCsrf());
    }
    Response.ResponseBuilder page =
        UiResponses.page(Response.ok(), new Login(chrome(), safeNext(next), ""));
    if (fresh) {
      page.cookie(auth.csrfCookie(session.anonymousCsrf()));
    }
    return page.build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response login(
      @FormParam("csrf") String csrf,
      @FormParam("token") String token,
      @FormParam("next") String next) {
    auth.checkForm(pages.session(), csrf);
    Optional<String> login = auth.login(token);
    if (login.isEmpty()) {
      return UiResponses.page(
              Response.status(Status.UNAUTHORIZED),
              new Login(
                  chrome(),
                  safeNext(next),
                  "That token is not the token of any user of this forge."))
          .build();
    }
    String target = safeNext(next);
    return UiResponses.seeOther(target + (target.contains("?") ? "&" : "?") + "notice=logged-in")
        .cookie(auth.sessionCookie(login.get()))
        .build();
  }

  private Chrome chrome() {
    return pages.chrome("Log in", "", "/login");
  }

  /**
   * Where to go after logging in: a page of this UI, never another site ({@code //host}, {@code
   * https:}) or the API; the home page otherwise.
   */
  static String safeNext(String next) {
    if (next == null || next.contains("\\") || next.contains("#")) {
      return "/";
    }
    int query = next.indexOf('?');
    String path = query < 0 ? next : next.substring(0, query);
    return UiPaths.owns(path) && !path.equals("/login") && !path.equals("/logout") ? next : "/";
  }
}
