package dev.ciorchestrator.forge.github.webhook;

import dev.ciorchestrator.config.sync.ConfigSettings;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.github.GitHubSettings;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The service side of {@code POST /hooks/github}: wires {@link WebhookHandler} to the config, the
 * loop's {@link ForgeEvent}s and the metrics, and logs one line per delivery (never the secret nor
 * the signature). Started with the service, so a connection that cannot take deliveries is reported
 * at startup rather than at its first refused delivery.
 */
@ApplicationScoped
@Startup
public class GitHubWebhooks {
  private static final Logger LOG = Logger.getLogger(GitHubWebhooks.class);
  private static final String FORGE = "github";
  private static final int SHOWN = 120;

  private final WebhookHandler handler;
  private final ForgeApiMetrics metrics;
  private final ConfigRefresh refresh;

  @Inject
  public GitHubWebhooks(
      GitHubSettings github,
      WebhookSettings settings,
      ConfigSettings configSettings,
      ConfigSyncService config,
      Event<ForgeEvent> events,
      ForgeApiMetrics metrics,
      VertxHttpConfig http) {
    this.metrics = metrics;
    this.refresh = new ConfigRefresh(config::syncNow);
    long limit = settings.maxBodySize().asLongValue();
    http.limits()
        .maxBodySize()
        .map(MemorySize::asLongValue)
        .filter(quarkusLimit -> quarkusLimit <= limit)
        .ifPresent(
            quarkusLimit ->
                LOG.warnf(
                    "quarkus.http.limits.max-body-size (%d bytes) is not above"
                        + " ci.webhooks.github.max-body-size (%d bytes): Quarkus refuses larger"
                        + " deliveries itself, with a bare 413 that the webhook metrics do not count",
                    quarkusLimit, limit));
    this.handler =
        new WebhookHandler(
            secrets(github),
            new RecentDeliveries(settings.rememberedDeliveries()),
            limit,
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

  /** Handles one delivery: decides, counts and logs it. */
  public Outcome deliver(Delivery delivery) {
    Outcome o = handler.handle(delivery);
    metrics.webhook(FORGE, o.event(), o.result());
    Logger.Level level = o.refused() ? Logger.Level.WARN : Logger.Level.INFO;
    LOG.logf(
        level,
        "github delivery %s: event=%s action=%s repo=%s result=%s (%d): %s",
        shown(delivery.id()),
        shown(delivery.event()),
        shown(o.action()),
        shown(o.repo()),
        o.result(),
        o.status(),
        shown(o.message()));
    return o;
  }

  /** Header and payload text as logged: one line, bounded, whatever a client sent. */
  private static String shown(String text) {
    if (text == null || text.isEmpty()) {
      return "-";
    }
    String line = text.replaceAll("\\p{Cntrl}", "?");
    return line.length() <= SHOWN ? line : line.substring(0, SHOWN) + "...";
  }

  @PreDestroy
  void close() {
    refresh.close();
  }
}
