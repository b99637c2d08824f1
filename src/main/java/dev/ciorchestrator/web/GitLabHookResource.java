package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.gitlab.webhook.GitLabDelivery;
import dev.ciorchestrator.forge.gitlab.webhook.GitLabHookHandler;
import dev.ciorchestrator.forge.gitlab.webhook.GitLabWebhooks;
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
 * GitLab's webhook deliveries. By the time this runs, {@link IntakeRoute} has checked {@code
 * X-Gitlab-Token} and read the body within its limits ({@link GitLabWebhooks} is the path's rule).
 * See docs/gitlab.md for the answers.
 */
@Path("/hooks/gitlab")
public class GitLabHookResource {
  private final GitLabWebhooks hooks;

  @Inject
  public GitLabHookResource(GitLabWebhooks hooks) {
    this.hooks = hooks;
  }

  @POST
  @Blocking
  @Produces(MediaType.APPLICATION_JSON)
  public Response deliver(@Context HttpHeaders headers, @Context RoutingContext ctx) {
    String uuid = headers.getHeaderString(GitLabHookHandler.UUID_HEADER);
    return HookAnswer.of(
        hooks.deliver(
            new GitLabDelivery(
                headers.getHeaderString(GitLabHookHandler.EVENT_HEADER),
                uuid != null ? uuid : headers.getHeaderString(GitLabHookHandler.IDEMPOTENCY_HEADER),
                headers.getHeaderString(GitLabHookHandler.TOKEN_HEADER),
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                IntakeBody.bytes(ctx))));
  }
}
