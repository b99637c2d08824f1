package dev.ciorchestrator.web.ui;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** How the UI answers: pages rendered now and never cached, actions by a redirect to a page. */
final class UiResponses {
  static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";

  private UiResponses() {}

  /**
   * A page, rendered here (so a template error is this request's, not the stream's) and marked
   * {@code no-store}: it shows live state and the session's CSRF token.
   */
  static Response.ResponseBuilder page(Response.ResponseBuilder builder, TemplateInstance page) {
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return builder.type(HTML).cacheControl(noStore).entity(page.render());
  }

  static Response page(TemplateInstance page) {
    return page(Response.ok(), page).build();
  }

  /** After a form: 303, so a reload of the next page does not send the form again. */
  static Response.ResponseBuilder seeOther(String path) {
    return Response.seeOther(URI.create(path));
  }
}
