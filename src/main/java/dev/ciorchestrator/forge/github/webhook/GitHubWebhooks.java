package dev.ciorchestrator.forge.github.webhook;

import dev.ciorchestrator.config.sync.ConfigSettings;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.github.GitHubSettings;
import dev.ciorchestrator.forge.webhook.ConfigRefresh;
import dev.ciorchestrator.forge.webhook.DeliveryLog;
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
 * The service side of {@code POST /hooks/github}: wires {@link WebhookHandler} to the config, the
 * loop's {@link ForgeEvent}s and the metrics, and logs one line per delivery (never the secret nor
 * the signature). As the path's {@link IntakeRule}, it has the signature header checked before the
 * body is read, and counts the deliveries the intake refuses. Started with the service, so a
 * connection that cannot take deliveries is reported at startup rather than at its first refused
 * delivery.
 */
@ApplicationScoped
@Startup
public class GitHubWebhooks implements IntakeRule {
  private static final Logger LOG = Logger.getLogger(GitHubWebhooks.class);
  private static final String FORGE = "github";
  private static final String PATH = "/hooks/github";

  private final WebhookHandler handler;
  private final DeliveryLog log;
  private final ConfigRefresh refresh;
  private final long maxBodySize;

  @Inject
  public GitHubWebhooks(
      GitHubSettings github,
      WebhookSettings settings,
      ConfigSettings configSettings,
      ConfigSyncService config,
      Event<ForgeEvent> events,
      ForgeApiMetrics metrics) {
    this.log = new DeliveryLog(FORGE, metrics, LOG);
    this.refresh = new ConfigRefresh(config::syncNow);
    this.maxBodySize = settings.maxBodySize().asLongValue();
    this.handler =
        new WebhookHandler(
            secrets(github),
            new RecentDeliveries(settings.rememberedDeliveries()),
            maxBodySize,
            config::current,
            configSettings.repoUrl(),
            events::fire,
            refresh::request);
  }

  private static WebhookSecrets secrets(GitHubSettings github) {
    List<WebhookSecrets.Signer> signers = new ArrayList<>();
    for (Map.Entry<String, GitHubSettings.Connection> c : github.connections().entrySet()) {
      String secret = c.getValue().webhookSecret().orElse("");
      if (secret.isEmpty()) {
        LOG.warnf(
            "GitHub connection '%s' has no webhook secret: POST /hooks/github refuses every"
                + " delivery for its repositories (401), which are then seen by polling only; set"
                + " ci.forge.github.%s.webhook-secret",
            c.getKey(), c.getKey());
      } else {
        signers.add(new WebhookSecrets.Signer(c.getKey(), secret, c.getValue().bot()));
      }
    }
    return new WebhookSecrets(signers);
  }

  /** Handles one delivery whose body the intake took: decides, counts and logs it. */
  public Outcome deliver(Delivery delivery) {
    Outcome o = handler.handle(delivery);
    counted(delivery.id(), delivery.event(), o);
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
    return "ci.webhooks.github.max-body-size";
  }

  @Override
  public Optional<Refusal> beforeBody(Function<String, String> header) {
    return handler
        .beforeBody(
            header.apply(WebhookHandler.EVENT_HEADER), header.apply(WebhookSignature.HEADER))
        .map(o -> new Refusal(o.status(), o.result(), o.message(), o.field()));
  }

  /** A delivery the intake refused (unsigned, too large, too slow, no room) counts like any. */
  @Override
  public void refused(Refusal r, Function<String, String> header) {
    String event = header.apply(WebhookHandler.EVENT_HEADER);
    counted(
        header.apply(WebhookHandler.DELIVERY_HEADER),
        event,
        new Outcome(
            r.status(),
            r.reason(),
            WebhookHandler.metricEvent(event),
            "",
            "",
            r.error(),
            r.field()));
  }

  private void counted(String id, String event, Outcome o) {
    log.counted(id, event, o);
  }

  @PreDestroy
  void close() {
    refresh.close();
  }
}
