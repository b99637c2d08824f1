package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.webhook.Outcome;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A webhook delivery's answer, the same for every forge: an error body, or what was done. */
final class HookAnswer {
  /** The body of a 2xx answer: what was done ({@code accepted}, {@code ignored}, …) and why. */
  record HookReply(String result, String message) {}

  private HookAnswer() {}

  static Response of(Outcome o) {
    return Response.status(o.status())
        .type(MediaType.APPLICATION_JSON)
        .entity(
            o.refused()
                ? new ApiError(o.message(), o.field())
                : new HookReply(o.result(), o.message()))
        .build();
  }
}
