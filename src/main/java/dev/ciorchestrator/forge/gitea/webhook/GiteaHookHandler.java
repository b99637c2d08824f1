package dev.ciorchestrator.forge.gitea.webhook;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.webhook.HookActions;
import dev.ciorchestrator.forge.webhook.HookChecks;
import dev.ciorchestrator.forge.webhook.HookEvent;
import dev.ciorchestrator.forge.webhook.HookRouter;
import dev.ciorchestrator.forge.webhook.Outcome;
import dev.ciorchestrator.forge.webhook.RecentDeliveries;
import dev.ciorchestrator.forge.webhook.Reply;
import dev.ciorchestrator.forge.webhook.WebhookSecrets;
import dev.ciorchestrator.forge.webhook.WebhookSignature;
import dev.ciorchestrator.intake.JsonProblem;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Decides what a delivery to {@code POST /hooks/gitea} does, in this order: size (413), signature
 * header (401; {@link #beforeBody} lets the intake refuse this before reading the body), signature
 * (401, the bare hex HMAC-SHA256 of the body under a connection's secret, compared in constant
 * time), headers (400), content type (415), replay (200), event (202 when not handled), body (400),
 * then the event itself, as every forge's ({@link HookActions}).
 */
public final class GiteaHookHandler {
  public static final String EVENT_HEADER = "X-Gitea-Event";
  public static final String DELIVERY_HEADER = "X-Gitea-Delivery";
  public static final String SIGNATURE_HEADER = "X-Gitea-Signature";
  static final String MAX_BODY_SETTING = "ci.webhooks.gitea.max-body-size";
  private static final String NO_SECRET =
      "no Gitea connection has a webhook-secret, so no delivery can be trusted";

  private final WebhookSecrets secrets;
  private final RecentDeliveries deliveries;
  private final long maxBodySize;
  private final HookActions actions;

  /**
   * @param configRepoUrl {@code ci.config.repo-url}: a push to it asks for {@code configSync}
   * @param configSync must not block: the delivery's answer does not wait for the sync
   */
  public GiteaHookHandler(
      WebhookSecrets secrets,
      RecentDeliveries deliveries,
      long maxBodySize,
      Supplier<ConfigSnapshot> config,
      String configRepoUrl,
      Consumer<ForgeEvent> events,
      Runnable configSync) {
    this.secrets = secrets;
    this.deliveries = deliveries;
    this.maxBodySize = maxBodySize;
    this.actions =
        new HookActions(new HookRouter(config, configRepoUrl, events, configSync), secrets::isBot);
  }

  public Outcome handle(GiteaDelivery d) {
    Reply reply = reply(d.event());
    if (d.body().length > maxBodySize) {
      return reply.tooLarge(maxBodySize, MAX_BODY_SETTING); // the intake refuses it first
    }
    Optional<Outcome> early = beforeBody(d.event(), d.signature());
    return early.isPresent() ? early.get() : signed(d, reply);
  }

  /** What the headers alone refuse: nothing can be signed, or the signature header is unusable. */
  public Optional<Outcome> beforeBody(String event, String signature) {
    Reply reply = reply(event);
    if (secrets.isEmpty()) {
      return Optional.of(reply.unauthorized(NO_SECRET));
    }
    if (signature == null || signature.isBlank()) {
      return Optional.of(
          reply.unauthorized("missing " + SIGNATURE_HEADER + " header: set the webhook's secret"));
    }
    if (WebhookSignature.bareDigest(signature).isEmpty()) {
      return Optional.of(reply.unauthorized(SIGNATURE_HEADER + " must be 64 hexadecimal digits"));
    }
    return Optional.empty();
  }

  /** The event name for metrics: a handled event's name, else {@code other}. */
  public static String metricEvent(String event) {
    String name = event == null ? "" : event.strip();
    return GiteaEventParser.handles(name) ? name : "other";
  }

  private static Reply reply(String event) {
    return new Reply(metricEvent(event), SIGNATURE_HEADER);
  }

  private Outcome signed(GiteaDelivery d, Reply reply) {
    Set<String> signers =
        secrets.signers(d.body(), WebhookSignature.bareDigest(d.signature()).orElseThrow());
    if (signers.isEmpty()) {
      return reply.unauthorized(
          SIGNATURE_HEADER
              + " does not match the body under the webhook secret of any Gitea connection");
    }
    String event = d.event() == null ? "" : d.event().strip();
    Optional<Outcome> refused =
        HookChecks.refused(
            new HookChecks.Headers(
                d.event(), EVENT_HEADER, d.id(), DELIVERY_HEADER, d.contentType()),
            GiteaEventParser.handles(event),
            deliveries,
            reply);
    if (refused.isPresent()) {
      return refused.get();
    }
    HookEvent parsed;
    try {
      parsed = GiteaEventParser.parse(event, d.body());
    } catch (JsonProblem e) {
      return reply.refuse(400, Outcome.MALFORMED, e.getMessage(), e.field());
    }
    return actions.act(parsed, signers, reply);
  }
}
