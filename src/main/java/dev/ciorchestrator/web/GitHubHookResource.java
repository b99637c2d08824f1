package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.github.webhook.Delivery;
import dev.ciorchestrator.forge.github.webhook.GitHubWebhooks;
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
 * GitHub's webhook deliveries. By the time this runs, {@link IntakeRoute} has checked the signature
 * header and read the body within its limits ({@link GitHubWebhooks} is the path's rule), so the
 * body is taken as the exact bytes received, whatever its declared type: the signature covers them.
 * See docs/github-webhooks.md for the answers.
 */
@Path("/hooks/github")
public class GitHubHookResource {
  private final GitHubWebhooks hooks;

  @Inject
  public GitHubHookResource(GitHubWebhooks hooks) {
    this.hooks = hooks;
  }

  // blocking: the HMAC, the parse and the event's observers run on a worker, never on the event
  // loop; the body is already in memory, so the worker waits for no client
  @POST
  @Blocking
  @Produces(MediaType.APPLICATION_JSON)
  public Response deliver(@Context HttpHeaders headers, @Context RoutingContext ctx) {
    return HookAnswer.of(
        hooks.deliver(
            new Delivery(
                headers.getHeaderString("X-GitHub-Event"),
                headers.getHeaderString("X-GitHub-Delivery"),
                headers.getHeaderString("X-Hub-Signature-256"),
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                IntakeBody.bytes(ctx))));
  }
}
