package dev.ciorchestrator.web;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Hands the body {@link IntakeRoute} read to Quarkus REST: a resource's {@code String} (or any
 * other) body parameter is read from memory, never from the client, so it never waits on a worker.
 */
public class IntakeBody {
  static final String KEY = "ci-orchestrator.intake.body";

  @ServerRequestFilter(preMatching = true)
  public void restore(ContainerRequestContext request, RoutingContext ctx) {
    byte[] body = ctx.get(KEY);
    if (body != null) {
      request.setEntityStream(new ByteArrayInputStream(body));
    }
  }

  /** The body as received (not to be changed); empty when the request had none. */
  static byte[] bytes(RoutingContext ctx) {
    byte[] body = ctx.get(KEY);
    return body == null ? new byte[0] : body;
  }
}
