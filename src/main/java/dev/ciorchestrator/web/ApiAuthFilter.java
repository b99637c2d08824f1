package dev.ciorchestrator.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every request before it is routed ({@link ApiAuth} decides), and tells {@link
 * Caller} who it acts as. A request with a body was already judged by the intake before its body
 * was read; this judges the rest (no body) and records the user for every request.
 */
public class ApiAuthFilter {
  private final ApiAuth auth;
  private final Caller caller;

  @Inject
  public ApiAuthFilter(ApiAuth auth, Caller caller) {
    this.auth = auth;
    this.caller = caller;
  }

  /** Null lets the request through (with {@link Caller} set when it had a token). */
  @ServerRequestFilter(preMatching = true)
  public Response authenticate(ContainerRequestContext request) {
    ApiAuth.Verdict verdict =
        auth.judge(
            request.getMethod(),
            request.getUriInfo().getRequestUri().getRawPath(),
            request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (verdict.refusal().isPresent()) {
      ApiException e = verdict.refusal().get();
      return Response.status(e.status())
          .header(HttpHeaders.WWW_AUTHENTICATE, ApiAuth.CHALLENGE)
          .type(MediaType.APPLICATION_JSON)
          .entity(e.body())
          .build();
    }
    verdict.login().ifPresent(caller::authenticated);
    return null;
  }
}
