package dev.ciorchestrator.forge.gitlab.webhook;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.webhook.HookActions;
import dev.ciorchestrator.forge.webhook.HookChecks;
import dev.ciorchestrator.forge.webhook.HookEvent;
import dev.ciorchestrator.forge.webhook.HookRouter;
import dev.ciorchestrator.forge.webhook.HookTokens;
import dev.ciorchestrator.forge.webhook.Outcome;
import dev.ciorchestrator.forge.webhook.RecentDeliveries;
import dev.ciorchestrator.forge.webhook.Reply;
import dev.ciorchestrator.intake.JsonProblem;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Decides what a delivery to {@code POST /hooks/gitlab} does, in this order: token (401, decided
 * from the headers alone, so the intake refuses it before reading the body), size (413), event
 * header (400), content type (415), replay (200, nothing done), event (202 when not handled), body
 * (400), then the event itself, as every forge's ({@link HookActions}).
 */
public final class GitLabHookHandler {
  public static final String EVENT_HEADER = "X-Gitlab-Event";
  public static final String TOKEN_HEADER = "X-Gitlab-Token";
  public static final String UUID_HEADER = "X-Gitlab-Event-UUID";
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  static final String MAX_BODY_SETTING = "ci.webhooks.gitlab.max-body-size";
  private static final String NO_TOKEN =
      "no GitLab connection has a webhook-token, so no delivery can be trusted";

  private final HookTokens tokens;
  private final RecentDeliveries deliveries;
  private final long maxBodySize;
  private final HookActions actions;

  /**
   * @param configRepoUrl {@code ci.config.repo-url}: a push to it asks for {@code configSync}
   * @param configSync must not block: the delivery's answer does not wait for the sync
   */
  public GitLabHookHandler(
      HookTokens tokens,
      RecentDeliveries deliveries,
      long maxBodySize,
      Supplier<ConfigSnapshot> config,
      String configRepoUrl,
      Consumer<ForgeEvent> events,
      Runnable configSync) {
    this.tokens = tokens;
    this.deliveries = deliveries;
    this.maxBodySize = maxBodySize;
    this.actions =
        new HookActions(new HookRouter(config, configRepoUrl, events, configSync), tokens::isBot);
  }

  public Outcome handle(GitLabDelivery d) {
    Optional<Outcome> early = beforeBody(d.event(), d.token());
    if (early.isPresent()) {
      return early.get();
    }
    Reply reply = reply(d.event());
    if (d.body().length > maxBodySize) {
      return reply.tooLarge(maxBodySize, MAX_BODY_SETTING); // the intake refuses it first
    }
    return authenticated(d, tokens.holders(d.token()), reply);
  }

  /** What the headers alone refuse: no connection has a token, or none has this one (401). */
  public Optional<Outcome> beforeBody(String event, String token) {
    Reply reply = reply(event);
    if (tokens.isEmpty()) {
      return Optional.of(reply.unauthorized(NO_TOKEN));
    }
    if (token == null || token.isEmpty()) {
      return Optional.of(
          reply.unauthorized(
              "missing " + TOKEN_HEADER + " header: set the webhook's secret token"));
    }
    if (tokens.holders(token).isEmpty()) {
      return Optional.of(
          reply.unauthorized(TOKEN_HEADER + " is not the webhook-token of any GitLab connection"));
    }
    return Optional.empty();
  }

  /** The event name for metrics: a handled event's name, else {@code other}. */
  public static String metricEvent(String event) {
    String name = event == null ? "" : event.strip();
    return GitLabEventParser.handles(name) ? name : "other";
  }

  private static Reply reply(String event) {
    return new Reply(metricEvent(event), TOKEN_HEADER);
  }

  private Outcome authenticated(GitLabDelivery d, Set<String> holders, Reply reply) {
    String event = d.event() == null ? "" : d.event().strip();
    // GitLab sends the same UUID on every retry of one event; older versions send none
    Optional<Outcome> refused =
        HookChecks.refused(
            new HookChecks.Headers(d.event(), EVENT_HEADER, d.id(), null, d.contentType()),
            GitLabEventParser.handles(event),
            deliveries,
            reply);
    if (refused.isPresent()) {
      return refused.get();
    }
    HookEvent parsed;
    try {
      parsed = GitLabEventParser.parse(event, d.body());
    } catch (JsonProblem e) {
      return reply.refuse(400, Outcome.MALFORMED, e.getMessage(), e.field());
    }
    return actions.act(parsed, holders, reply);
  }
}
