package dev.ciorchestrator.forge.gitlab.webhook;

import dev.ciorchestrator.config.sync.ConfigSettings;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.gitlab.GitLabSettings;
import dev.ciorchestrator.forge.webhook.ConfigRefresh;
import dev.ciorchestrator.forge.webhook.DeliveryLog;
import dev.ciorchestrator.forge.webhook.HookTokens;
import dev.ciorchestrator.forge.webhook.Outcome;
import dev.ciorchestrator.forge.webhook.RecentDeliveries;
import dev.ciorchestrator.intake.IntakeRule;
import dev.ciorchestrator.intake.Refusal;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The service side of {@code POST /hooks/gitlab}: wires {@link GitLabHookHandler} to the config,
 * the loop's {@link ForgeEvent}s and the metrics, and logs one line per delivery (never the token).
 * As the path's {@link IntakeRule}, it has {@code X-Gitlab-Token} checked before the body is read.
 */
@ApplicationScoped
@Startup
public class GitLabWebhooks implements IntakeRule {
  private static final Logger LOG = Logger.getLogger(GitLabWebhooks.class);
  private static final String FORGE = "gitlab";
  private static final String PATH = "/hooks/gitlab";

  private final GitLabHookHandler handler;
  private final DeliveryLog log;
  private final ConfigRefresh refresh;
  private final long maxBodySize;

  @Inject
  public GitLabWebhooks(
      GitLabSettings gitlab,
      GitLabWebhookSettings settings,
      ConfigSettings configSettings,
      ConfigSyncService config,
      Event<ForgeEvent> events,
      ForgeApiMetrics metrics) {
    this.log = new DeliveryLog(FORGE, metrics, LOG);
    this.refresh = new ConfigRefresh(config::syncNow);
    this.maxBodySize = settings.maxBodySize().asLongValue();
    this.handler =
        new GitLabHookHandler(
            tokens(gitlab),
            new RecentDeliveries(settings.rememberedDeliveries()),
            maxBodySize,
            config::current,
            configSettings.repoUrl(),
            events::fire,
            refresh::request);
  }

  private static HookTokens tokens(GitLabSettings gitlab) {
    List<HookTokens.Holder> holders = new ArrayList<>();
    for (Map.Entry<String, GitLabSettings.Connection> c : gitlab.connections().entrySet()) {
      String token = c.getValue().webhookToken().orElse("");
      if (token.isEmpty()) {
        LOG.warnf(
            "GitLab connection '%s' has no webhook token: POST /hooks/gitlab refuses every"
                + " delivery for its projects (401), which are then seen by polling only; set"
                + " ci.forge.gitlab.%s.webhook-token",
            c.getKey(), c.getKey());
      } else {
        holders.add(new HookTokens.Holder(c.getKey(), token, c.getValue().bot()));
      }
    }
    return new HookTokens(holders);
  }

  /** Handles one delivery whose body the intake took: decides, counts and logs it. */
  public Outcome deliver(GitLabDelivery delivery) {
    Outcome o = handler.handle(delivery);
    log.counted(delivery.id(), delivery.event(), o);
    return o;
  }

  @Override
  public boolean governs(String path) {
    return PATH.equals(path);
  }

  @Override
  public long maxBodySize() {
    return maxBodySize;
  }

  @Override
  public String maxBodySizeSetting() {
    return GitLabHookHandler.MAX_BODY_SETTING;
  }

  @Override
  public Optional<Refusal> beforeBody(Function<String, String> header) {
    return handler
        .beforeBody(
            header.apply(GitLabHookHandler.EVENT_HEADER),
            header.apply(GitLabHookHandler.TOKEN_HEADER))
        .map(o -> new Refusal(o.status(), o.result(), o.message(), o.field()));
  }

  /** A delivery the intake refused (no token, too large, too slow, no room) counts like any. */
  @Override
  public void refused(Refusal r, Function<String, String> header) {
    String event = header.apply(GitLabHookHandler.EVENT_HEADER);
    log.counted(
        id(header),
        event,
        new Outcome(
            r.status(),
            r.reason(),
            GitLabHookHandler.metricEvent(event),
            "",
            "",
            r.error(),
            r.field()));
  }

  /** The delivery's id: GitLab's event UUID, else its idempotency key. */
  static String id(Function<String, String> header) {
    String uuid = header.apply(GitLabHookHandler.UUID_HEADER);
    return uuid != null ? uuid : header.apply(GitLabHookHandler.IDEMPOTENCY_HEADER);
  }

  @PreDestroy
  void close() {
    refresh.close();
  }
}
