package dev.ciorchestrator.forge.github.webhook;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.command.CommandParser;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.IssueCommentEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PingEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PullRequestEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PushEvent;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Decides what a delivery to {@code POST /hooks/github} does, in this order: size (413), signature
 * (401), headers (400), replay (200, nothing done), event (202 when not handled), body (400), then
 * the event itself. Acting is only ever asking: a {@link ForgeEvent} makes the loop reconcile the
 * repository from the forge's current state, so a lost or extra delivery costs latency, never
 * correctness.
 */
public final class WebhookHandler {
  static final String DELIVERY_HEADER = "X-GitHub-Delivery";
  static final String EVENT_HEADER = "X-GitHub-Event";

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
  private final Supplier<ConfigSnapshot> config;
  private final String configRepoUrl;
  private final Consumer<ForgeEvent> events;
  private final Runnable configSync;

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
    this.config = config;
    this.configRepoUrl = configRepoUrl;
    this.events = events;
    this.configSync = configSync;
  }

  public Outcome handle(Delivery d) {
    String event = d.event() == null ? "" : d.event().strip();
    Reply reply = new Reply(EventParser.handles(event) ? event : "other");
    if (d.contentLength() > maxBodySize) {
      return reply.tooLarge(maxBodySize); // refused before reading a byte of it
    }
    byte[] body;
    try {
      body = BoundedBody.read(d.body(), maxBodySize);
    } catch (BoundedBody.TooLargeException e) {
      return reply.tooLarge(maxBodySize);
    } catch (IOException e) {
      return reply.refuse(400, Outcome.MALFORMED, "body could not be read: " + e.getMessage(), "");
    }
    return signed(d, event, body, reply);
  }

  /** The rest of the checks, once the body is read whole. */
  private Outcome signed(Delivery d, String event, byte[] body, Reply reply) {
    Optional<Outcome> unreadable = signatureHeader(d, reply);
    if (unreadable.isPresent()) {
      return unreadable.get();
    }
    Set<String> signers = secrets.signers(body, WebhookSignature.digest(d.signature()).get());
    if (signers.isEmpty()) {
      return reply.unauthorized(
          secrets.isEmpty()
              ? "no GitHub connection has a webhook-secret, so no delivery can be trusted"
              : WebhookSignature.HEADER
                  + " does not match the body under the webhook secret of any GitHub connection");
    }
    if (event.isEmpty()) {
      return reply.missingHeader(EVENT_HEADER);
    }
    if (d.id() == null || d.id().isBlank()) {
      return reply.missingHeader(DELIVERY_HEADER);
    }
    if (EventParser.handles(event) && !isJson(d.contentType())) {
      return reply.refuse(
          415,
          Outcome.MALFORMED,
          "Content-Type must be application/json (set it in the webhook's settings), not "
              + d.contentType(),
          "Content-Type");
    }
    if (!deliveries.firstTime(d.id().strip())) {
      return reply.done(200, Outcome.DUPLICATE, "delivery already handled; nothing done");
    }
    if (!EventParser.handles(event)) {
      return reply.done(202, Outcome.IGNORED, "event '" + event + "' is not handled");
    }
    return parsed(event, body, signers, reply);
  }

  private Outcome parsed(String event, byte[] body, Set<String> signers, Reply reply) {
    GitHubEvent parsed;
    try {
      parsed = EventParser.parse(event, body);
    } catch (MalformedPayloadException e) {
      return reply.refuse(400, Outcome.MALFORMED, e.getMessage(), e.field());
    }
    reply.action = parsed.action();
    reply.repo = parsed.repositoryName().orElse("");
    return act(parsed, signers, reply);
  }

  /** Refuses a missing or ill-formed signature header, before any HMAC is computed. */
  private static Optional<Outcome> signatureHeader(Delivery d, Reply reply) {
    if (d.signature() == null || d.signature().isBlank()) {
      return Optional.of(
          reply.unauthorized(
              "missing " + WebhookSignature.HEADER + " header: set the webhook's secret"));
    }
    if (WebhookSignature.digest(d.signature()).isEmpty()) {
      return Optional.of(
          reply.unauthorized(
              WebhookSignature.HEADER + " must be sha256= followed by 64 hexadecimal digits"));
    }
    return Optional.empty();
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
    boolean configPush = event instanceof PushEvent p && isConfigRepository(p);
    if (configPush) {
      configSync.run();
    }
    String name = event.repositoryName().orElseThrow();
    Optional<Repository> repo =
        config.get().repositories().stream().filter(r -> r.name().equalsIgnoreCase(name)).findAny();
    if (repo.isPresent() && signers.contains(repo.get().forge())) {
      events.accept(new ForgeEvent(repo.get().forge(), repo.get().name()));
      return reply.done(
          202,
          Outcome.ACCEPTED,
          "reconciling " + repo.get().name() + (configPush ? "; config sync requested" : ""));
    }
    if (configPush) {
      return reply.done(202, Outcome.ACCEPTED, "config sync requested");
    }
    if (repo.isEmpty()) {
      return reply.done(202, Outcome.IGNORED, "repository " + name + " is not in the config");
    }
    return reply.done(
        202,
        Outcome.IGNORED,
        "repository "
            + name
            + " is served by connection '"
            + repo.get().forge()
            + "', but the delivery is signed with the secret of "
            + signers);
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

  private boolean isConfigRepository(PushEvent push) {
    return push.repository().urls().stream().anyMatch(u -> RepoUrls.same(u, configRepoUrl));
  }

  private static boolean isJson(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true; // nothing claimed otherwise; the parser decides
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }

  /** Builds the outcome, with what is known of the delivery so far. */
  private static final class Reply {
    private final String event;
    private String action = "";
    private String repo = "";

    Reply(String event) {
      this.event = event;
    }

    Outcome done(int status, String result, String message) {
      return new Outcome(status, result, event, action, repo, message, "");
    }

    Outcome refuse(int status, String result, String message, String field) {
      return new Outcome(status, result, event, action, repo, message, field);
    }

    Outcome unauthorized(String message) {
      return refuse(401, Outcome.UNAUTHORIZED, message, WebhookSignature.HEADER);
    }

    Outcome missingHeader(String header) {
      return refuse(400, Outcome.MALFORMED, "missing " + header + " header", header);
    }

    Outcome tooLarge(long limit) {
      return refuse(
          413,
          Outcome.TOO_LARGE,
          "body is larger than " + limit + " bytes (ci.webhooks.github.max-body-size)",
          "");
    }
  }
}
