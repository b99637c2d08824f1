package dev.ciorchestrator.web.ui;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /logout}: ends the session in this browser. */
@Path("/logout")
public class LogoutAction {
  private final Pages pages;
  private final UiAuth auth;

  @Inject
  public LogoutAction(Pages pages, UiAuth auth) {
    this.pages = pages;
    this.auth = auth;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response logout(@FormParam("csrf") String csrf) {
    auth.checkForm(pages.session(), csrf);
    return UiResponses.seeOther("/?notice=logged-out").cookie(auth.endSession()).build();
  }
}
