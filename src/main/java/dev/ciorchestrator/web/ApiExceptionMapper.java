package dev.ciorchestrator.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers every {@link ApiException} of the API with its status and {@link ApiError} body. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {
  @Override
  public Response toResponse(ApiException e) {
    return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.body()).build();
  }
}
