package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.gitea.webhook.GiteaDelivery;
import dev.ciorchestrator.forge.gitea.webhook.GiteaWebhooks;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Gitea's and Forgejo's webhook deliveries. By the time this runs, {@link IntakeRoute} has checked
 * the signature header and read the body within its limits ({@link GiteaWebhooks} is the path's
 * rule); the body is the exact bytes received, which the signature covers. See docs/gitea.md.
 */
@Path("/hooks/gitea")
public class GiteaHookResource {
  private final GiteaWebhooks hooks;

  @Inject
  public GiteaHookResource(GiteaWebhooks hooks) {
    this.hooks = hooks;
  }

  @POST
  @Blocking
  @Produces(MediaType.APPLICATION_JSON)
  public Response deliver(@Context HttpHeaders headers, @Context RoutingContext ctx) {
    return HookAnswer.of(
        hooks.deliver(
            new GiteaDelivery(
                GiteaWebhooks.header(headers::getHeaderString, "Event"),
                GiteaWebhooks.header(headers::getHeaderString, "Delivery"),
                GiteaWebhooks.header(headers::getHeaderString, "Signature"),
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                IntakeBody.bytes(ctx))));
  }
}
