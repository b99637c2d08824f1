package dev.ciorchestrator.forge.github.webhook;

import dev.ciorchestrator.config.sync.ConfigSettings;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.github.GitHubSettings;
import dev.ciorchestrator.forge.webhook.HookIntake;
import dev.ciorchestrator.forge.webhook.Outcome;
import dev.ciorchestrator.forge.webhook.RecentDeliveries;
import dev.ciorchestrator.forge.webhook.WebhookSecrets;
import dev.ciorchestrator.forge.webhook.WebhookSignature;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * {@code POST /hooks/github}: {@link WebhookHandler} wired to the config, the loop's {@link
 * ForgeEvent}s and the metrics ({@link HookIntake}), the signature header checked before the body
 * is read. Started with the service, so a connection that cannot take deliveries is reported at
 * startup rather than at its first refused delivery.
 */
@Singleton
@Startup
public class GitHubWebhooks extends HookIntake {
  private static final Path PATH =
      new Path(
          "github",
          "/hooks/github",
          "ci.webhooks.github.max-body-size",
          Logger.getLogger(GitHubWebhooks.class));

  private final WebhookHandler handler;

  @Inject
  public GitHubWebhooks(
      GitHubSettings github,
      WebhookSettings settings,
      ConfigSettings configSettings,
      ConfigSyncService config,
      Event<ForgeEvent> events,
      ForgeApiMetrics metrics) {
    super(PATH, settings.maxBodySize().asLongValue(), config, metrics);
    this.handler =
        new WebhookHandler(
            new WebhookSecrets(
                credentials(
                        PATH,
                        "GitHub",
                        "webhook-secret",
                        github.connections(),
                        GitHubSettings.Connection::webhookSecret,
                        GitHubSettings.Connection::bot)
                    .stream()
                    .map(c -> new WebhookSecrets.Signer(c.connection(), c.secret(), c.bot()))
                    .toList()),
            new RecentDeliveries(settings.rememberedDeliveries()),
            maxBodySize(),
            config::current,
            configSettings.repoUrl(),
            events::fire,
            refresh());
  }

  /** Handles one delivery whose body the intake took: decides, counts and logs it. */
  public Outcome deliver(Delivery delivery) {
    return counted(delivery.id(), delivery.event(), handler.handle(delivery));
  }

  @Override
  protected Optional<Outcome> check(Function<String, String> header) {
    return handler.beforeBody(event(header), header.apply(WebhookSignature.HEADER));
  }

  @Override
  protected String event(Function<String, String> header) {
    return header.apply(WebhookHandler.EVENT_HEADER);
  }

  @Override
  protected String deliveryId(Function<String, String> header) {
    return header.apply(WebhookHandler.DELIVERY_HEADER);
  }

  @Override
  protected String metricEvent(String event) {
    return WebhookHandler.metricEvent(event);
  }
}
