package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.github.webhook.Delivery;
import dev.ciorchestrator.forge.github.webhook.GitHubWebhooks;
import dev.ciorchestrator.forge.github.webhook.Outcome;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * GitHub's webhook deliveries. The body is taken as a raw stream, whatever its declared type: the
 * signature covers the exact bytes, and the size limit must hold before anything is buffered. See
 * docs/github-webhooks.md for the answers.
 */
@Path("/hooks/github")
public class GitHubHookResource {
  /** The body of a 2xx answer: what was done ({@code accepted}, {@code ignored}, …) and why. */
  public record HookReply(String result, String message) {}

  private final GitHubWebhooks hooks;

  @Inject
  public GitHubHookResource(GitHubWebhooks hooks) {
    this.hooks = hooks;
  }

  // blocking: Quarkus REST then streams the body to us instead of buffering it whole first
  @POST
  @Blocking
  @Produces(MediaType.APPLICATION_JSON)
  public Response deliver(@Context HttpHeaders headers, InputStream body) {
    Outcome o =
        hooks.deliver(
            new Delivery(
                headers.getHeaderString("X-GitHub-Event"),
                headers.getHeaderString("X-GitHub-Delivery"),
                headers.getHeaderString("X-Hub-Signature-256"),
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                length(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH)),
                body));
    Response.ResponseBuilder answer = Response.status(o.status()).type(MediaType.APPLICATION_JSON);
    if (o.status() == 413) {
      answer.header("Connection", "close"); // the rest of the body is not read
    }
    return answer
        .entity(
            o.refused()
                ? new ApiError(o.message(), o.field())
                : new HookReply(o.result(), o.message()))
        .build();
  }

  private static long length(String header) {
    try {
      return header == null ? -1 : Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1; // Vert.x refuses a broken Content-Length before this; the stream is bounded anyway
    }
  }
}
