package dev.ciorchestrator.web.ui;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a {@link UiError} with a page in the UI's frame, never a stack trace or JSON. */
@Provider
public class UiErrorMapper implements ExceptionMapper<UiError> {
  /** The error page. */
  record Problem(Chrome chrome, int status, String detail) implements TemplateInstance {}

  private final Pages pages;

  @Inject
  public UiErrorMapper(Pages pages) {
    this.pages = pages;
  }

  @Override
  public Response toResponse(UiError e) {
    Chrome chrome = pages.chrome(e.title(), "", "/");
    return UiResponses.page(
            Response.status(e.status()),
            new Problem(chrome, e.status().getStatusCode(), e.getMessage()))
        .build();
  }
}
