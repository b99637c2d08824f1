package dev.ciorchestrator.forge.gitea.webhook;

import dev.ciorchestrator.config.sync.ConfigSettings;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.gitea.GiteaSettings;
import dev.ciorchestrator.forge.github.webhook.WebhookSecrets;
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
 * The service side of {@code POST /hooks/gitea}: wires {@link GiteaHookHandler} to the config, the
 * loop's {@link ForgeEvent}s and the metrics, and logs one line per delivery (never the secret nor
 * the signature). As the path's {@link IntakeRule}, it has the signature header checked before the
 * body is read. Forgejo's own header names ({@code X-Forgejo-*}) are read where Gitea's are absent.
 */
@ApplicationScoped
@Startup
public class GiteaWebhooks implements IntakeRule {
  private static final Logger LOG = Logger.getLogger(GiteaWebhooks.class);
  private static final String FORGE = "gitea";
  private static final String PATH = "/hooks/gitea";

  private final GiteaHookHandler handler;
  private final DeliveryLog log;
  private final ConfigRefresh refresh;
  private final long maxBodySize;

  @Inject
  public GiteaWebhooks(
      GiteaSettings gitea,
      GiteaWebhookSettings settings,
      ConfigSettings configSettings,
      ConfigSyncService config,
      Event<ForgeEvent> events,
      ForgeApiMetrics metrics) {
    this.log = new DeliveryLog(FORGE, metrics, LOG);
    this.refresh = new ConfigRefresh(config::syncNow);
    this.maxBodySize = settings.maxBodySize().asLongValue();
    this.handler =
        new GiteaHookHandler(
            secrets(gitea),
            new RecentDeliveries(settings.rememberedDeliveries()),
            maxBodySize,
            config::current,
            configSettings.repoUrl(),
            events::fire,
            refresh::request);
  }

  private static WebhookSecrets secrets(GiteaSettings gitea) {
    List<WebhookSecrets.Signer> signers = new ArrayList<>();
    for (Map.Entry<String, GiteaSettings.Connection> c : gitea.connections().entrySet()) {
      String secret = c.getValue().webhookSecret().orElse("");
      if (secret.isEmpty()) {
        LOG.warnf(
            "Gitea connection '%s' has no webhook secret: POST /hooks/gitea refuses every"
                + " delivery for its repositories (401), which are then seen by polling only; set"
                + " ci.forge.gitea.%s.webhook-secret",
            c.getKey(), c.getKey());
      } else {
        signers.add(new WebhookSecrets.Signer(c.getKey(), secret, c.getValue().bot()));
      }
    }
    return new WebhookSecrets(signers);
  }

  /** {@code X-Gitea-<name>}, else Forgejo's {@code X-Forgejo-<name>}. */
  public static String header(Function<String, String> headers, String name) {
    String gitea = headers.apply("X-Gitea-" + name);
    return gitea != null ? gitea : headers.apply("X-Forgejo-" + name);
  }

  /** Handles one delivery whose body the intake took: decides, counts and logs it. */
  public Outcome deliver(GiteaDelivery delivery) {
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
    return GiteaHookHandler.MAX_BODY_SETTING;
  }

  @Override
  public Optional<Refusal> beforeBody(Function<String, String> header) {
    return handler
        .beforeBody(header(header, "Event"), header(header, "Signature"))
        .map(o -> new Refusal(o.status(), o.result(), o.message(), o.field()));
  }

  /** A delivery the intake refused (unsigned, too large, too slow, no room) counts like any. */
  @Override
  public void refused(Refusal r, Function<String, String> header) {
    String event = header(header, "Event");
    log.counted(
        header(header, "Delivery"),
        event,
        new Outcome(
            r.status(),
            r.reason(),
            GiteaHookHandler.metricEvent(event),
            "",
            "",
            r.error(),
            r.field()));
  }

  @PreDestroy
  void close() {
    refresh.close();
  }
}
