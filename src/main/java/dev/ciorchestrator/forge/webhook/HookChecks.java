package dev.ciorchestrator.forge.webhook;

import java.util.Optional;

/**
 * The checks every forge's webhook makes, in the same order, once a delivery is authenticated and
 * its body read: an event named, a delivery id where the forge always sends one, a JSON body for an
 * event that is handled, no redelivery, and an event that is handled at all.
 */
public final class HookChecks {
  /**
   * A delivery's headers as the checks read them.
   *
   * @param idHeader the delivery id's header when the forge always sends one; {@code null} when it
   *     may not (an older GitLab), and then a delivery without one is never a redelivery
   */
  public record Headers(
      String event, String eventHeader, String id, String idHeader, String contentType) {}

  private HookChecks() {}

  /** The answer that ends the delivery here, if one does; {@code handles} tells handled events. */
  public static Optional<Outcome> refused(
      Headers h, boolean handles, RecentDeliveries deliveries, Reply reply) {
    String event = h.event() == null ? "" : h.event().strip();
    boolean hasId = h.id() != null && !h.id().isBlank();
    if (event.isEmpty()) {
      return Optional.of(reply.missingHeader(h.eventHeader()));
    }
    if (!hasId && h.idHeader() != null) {
      return Optional.of(reply.missingHeader(h.idHeader()));
    }
    Optional<String> notJson = handles ? JsonContent.problem(h.contentType()) : Optional.empty();
    if (notJson.isPresent()) {
      return Optional.of(reply.refuse(415, Outcome.MALFORMED, notJson.get(), "Content-Type"));
    }
    if (hasId && !deliveries.firstTime(h.id().strip())) {
      return Optional.of(
          reply.done(200, Outcome.DUPLICATE, "delivery already handled; nothing done"));
    }
    if (!handles) {
      return Optional.of(reply.done(202, Outcome.IGNORED, "event '" + event + "' is not handled"));
    }
    return Optional.empty();
  }
}
