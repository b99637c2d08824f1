package dev.ciorchestrator.web;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * JSON answers ({@link ApiError}) for what Quarkus REST refuses by itself, which it would answer
 * with an empty body: an unknown path or a path parameter that does not convert (404), a method the
 * path does not take (405), a query parameter that does not convert (400), and any other status;
 * and a bug (500), logged with an id the answer repeats.
 */
public class WebErrors {
  private static final Logger LOG = Logger.getLogger(WebErrors.class);

  @ServerExceptionMapper
  public Response notFound(
      NotFoundException e, UriInfo uri, ResourceInfo resource, Request request) {
    return unconvertible(resource, uri, true)
        .orElseGet(() -> answer(404, "no such resource: " + call(request, uri), ""));
  }

  @ServerExceptionMapper
  public Response badRequest(BadRequestException e, UriInfo uri, ResourceInfo resource) {
    return unconvertible(resource, uri, false).orElseGet(() -> answer(400, e.getMessage(), ""));
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e, UriInfo uri, Request request) {
    // Quarkus REST does not say which methods the path takes; when it does, they are named
    TreeSet<String> allowed = new TreeSet<>(e.getResponse().getAllowedMethods());
    String error =
        call(request, uri)
            + " is not allowed"
            + (allowed.isEmpty() ? ": the path takes other methods" : "; allowed: " + allowed);
    Response answer = answer(405, error, "");
    return allowed.isEmpty() ? answer : Response.fromResponse(answer).allow(allowed).build();
  }

  @ServerExceptionMapper
  public Response other(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String field =
        switch (status) {
          case 406 -> "Accept";
          case 415 -> "Content-Type";
          default -> "";
        };
    return answer(status, e.getMessage(), field);
  }

  /**
   * A store that cannot be read now (a database that is down, a disk error): 503, so a client tries
   * again, never a 500 that reads like a bug.
   */
  @ServerExceptionMapper
  public Response unavailable(UncheckedIOException e) {
    String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    LOG.warnf("a request could not read the store: %s", why);
    return answer(503, "the store cannot be read now; try again: " + why, "");
  }

  @ServerExceptionMapper
  public Response bug(Throwable e) {
    String id = UUID.randomUUID().toString();
    LOG.errorf(e, "request failed unexpectedly (error id %s)", id);
    return answer(500, "internal error " + id + "; the service log has its details", "");
  }

  /** The 404 (path) or 400 (query) naming the first parameter whose value is not of its type. */
  private static Optional<Response> unconvertible(
      ResourceInfo resource, UriInfo uri, boolean path) {
    Method method = resource == null ? null : resource.getResourceMethod();
    if (method == null) {
      return Optional.empty();
    }
    for (Parameter p : method.getParameters()) {
      String name =
          path
              ? Optional.ofNullable(p.getAnnotation(PathParam.class))
                  .map(PathParam::value)
                  .orElse(null)
              : Optional.ofNullable(p.getAnnotation(QueryParam.class))
                  .map(QueryParam::value)
                  .orElse(null);
      String value =
          name == null
              ? null
              : path
                  ? uri.getPathParameters().getFirst(name)
                  : uri.getQueryParameters().getFirst(name);
      if (value != null && !converts(p.getType(), value)) {
        String error = name + " must be " + expected(p.getType()) + ", not '" + value + "'";
        return Optional.of(answer(path ? 404 : 400, error, name));
      }
    }
    return Optional.empty();
  }

  private static boolean converts(Class<?> type, String value) {
    try {
      if (type == long.class || type == Long.class) {
        Long.parseLong(value);
      } else if (type == int.class || type == Integer.class) {
        Integer.parseInt(value);
      } else if (type == boolean.class || type == Boolean.class) {
        return value.equals("true") || value.equals("false");
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String expected(Class<?> type) {
    return type == boolean.class || type == Boolean.class ? "true or false" : "a whole number";
  }

  private static String call(Request request, UriInfo uri) {
    return request.getMethod() + " /" + uri.getPath().replaceFirst("^/", "");
  }

  private static Response answer(int status, String error, String field) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ApiError(error, field))
        .build();
  }
}
