package dev.ciorchestrator.forge.github.webhook;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.command.CommandParser;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.IssueCommentEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PingEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PullRequestEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PushEvent;
import dev.ciorchestrator.forge.webhook.HookChecks;
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
 * Decides what a delivery to {@code POST /hooks/github} does, in this order: size (413), signature
 * header (401; {@link #beforeBody} lets the intake refuse this before reading the body), signature
 * (401), headers (400), replay (200, nothing done), event (202 when not handled), body (400), then
 * the event itself. Acting is only ever asking: a {@link ForgeEvent} makes the loop reconcile the
 * repository from the forge's current state, so a lost or extra delivery costs latency, never
 * correctness.
 */
public final class WebhookHandler {
  static final String DELIVERY_HEADER = "X-GitHub-Delivery";
  static final String EVENT_HEADER = "X-GitHub-Event";
  private static final String NO_SECRET =
      "no GitHub connection has a webhook-secret, so no delivery can be trusted";

  // pull_request actions that change nothing a plan reads; the rest (opened, synchronize, edited,
  // labeled, closed, ready_for_review, and actions GitHub adds later) are reconciled
  private static final Set<String> INERT_PR_ACTIONS =
      Set.of(
          "assigned",
          "unassigned",
          "review_requested",
          "review_request_removed",
          "milestoned",
          "demilestoned",
          "locked",
          "unlocked");

  private final WebhookSecrets secrets;
  private final RecentDeliveries deliveries;
  private final long maxBodySize;
  private final HookRouter router;

  /**
   * @param configRepoUrl {@code ci.config.repo-url}: a push to it asks for {@code configSync}
   * @param configSync must not block: the delivery's answer does not wait for the sync
   */
  public WebhookHandler(
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
    this.router = new HookRouter(config, configRepoUrl, events, configSync);
  }

  public Outcome handle(Delivery d) {
    Reply reply = reply(d.event());
    if (d.body().length > maxBodySize) {
      // the intake refuses it first; kept for direct callers
      return reply.tooLarge(maxBodySize, "ci.webhooks.github.max-body-size");
    }
    Optional<Outcome> early = beforeBody(d.event(), d.signature());
    return early.isPresent() ? early.get() : signed(d, reply);
  }

  /**
   * What can be refused before a byte of the body is read: no connection can sign anything, or the
   * signature header is missing or ill-formed (401).
   */
  public Optional<Outcome> beforeBody(String event, String signature) {
    Reply reply = reply(event);
    if (secrets.isEmpty()) {
      return Optional.of(reply.unauthorized(NO_SECRET));
    }
    if (signature == null || signature.isBlank()) {
      return Optional.of(
          reply.unauthorized(
              "missing " + WebhookSignature.HEADER + " header: set the webhook's secret"));
    }
    if (WebhookSignature.digest(signature).isEmpty()) {
      return Optional.of(
          reply.unauthorized(
              WebhookSignature.HEADER + " must be sha256= followed by 64 hexadecimal digits"));
    }
    return Optional.empty();
  }

  /** The event name for metrics: a handled event's name, else {@code other}. */
  static String metricEvent(String event) {
    String name = event == null ? "" : event.strip();
    return EventParser.handles(name) ? name : "other";
  }

  private static Reply reply(String event) {
    return new Reply(metricEvent(event), WebhookSignature.HEADER);
  }

  /** The rest of the checks, once the body is read whole. */
  private Outcome signed(Delivery d, Reply reply) {
    String event = d.event() == null ? "" : d.event().strip();
    Set<String> signers = secrets.signers(d.body(), WebhookSignature.digest(d.signature()).get());
    if (signers.isEmpty()) {
      return reply.unauthorized(
          WebhookSignature.HEADER
              + " does not match the body under the webhook secret of any GitHub connection");
    }
    Optional<Outcome> refused =
        HookChecks.refused(
            new HookChecks.Headers(
                d.event(), EVENT_HEADER, d.id(), DELIVERY_HEADER, d.contentType()),
            EventParser.handles(event),
            deliveries,
            reply);
    if (refused.isPresent()) {
      return refused.get();
    }
    return parsed(event, d.body(), signers, reply);
  }

  private Outcome parsed(String event, byte[] body, Set<String> signers, Reply reply) {
    GitHubEvent parsed;
    try {
      parsed = EventParser.parse(event, body);
    } catch (JsonProblem e) {
      return reply.refuse(400, Outcome.MALFORMED, e.getMessage(), e.field());
    }
    reply.about(parsed.action(), parsed.repositoryName().orElse(""));
    return act(parsed, signers, reply);
  }

  private Outcome act(GitHubEvent event, Set<String> signers, Reply reply) {
    if (event instanceof PingEvent ping) {
      return reply.done(
          200, Outcome.ACCEPTED, "pong: hook " + ping.hookId() + " says '" + ping.zen() + "'");
    }
    if (event instanceof PullRequestEvent pr && INERT_PR_ACTIONS.contains(pr.action())) {
      return reply.done(202, Outcome.IGNORED, "pull_request action '" + pr.action() + "'");
    }
    if (event instanceof IssueCommentEvent c) {
      Optional<String> inert = inertComment(c, signers);
      if (inert.isPresent()) {
        return reply.done(202, Outcome.IGNORED, inert.get());
      }
    }
    boolean configPush =
        event instanceof PushEvent p && router.isConfigRepository(p.repository().urls());
    return router.route(event.repositoryName().orElseThrow(), signers, configPush, reply);
  }

  /** Why a comment cannot change a plan, if it cannot. */
  private Optional<String> inertComment(IssueCommentEvent c, Set<String> signers) {
    if (!c.issue().isPullRequest()) {
      return Optional.of("comment on an issue, not a pull request");
    }
    if (secrets.isBot(signers, c.comment().user().login())) {
      return Optional.of("comment by the orchestrator itself");
    }
    if (CommandParser.parse(c.body()).isEmpty()) {
      return Optional.of("comment holds no command");
    }
    return Optional.empty();
  }
}
