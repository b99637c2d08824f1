package dev.ciorchestrator.forge.gitea.webhook;

import dev.ciorchestrator.config.sync.ConfigSettings;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.gitea.GiteaSettings;
import dev.ciorchestrator.forge.webhook.HookIntake;
import dev.ciorchestrator.forge.webhook.Outcome;
import dev.ciorchestrator.forge.webhook.RecentDeliveries;
import dev.ciorchestrator.forge.webhook.WebhookSecrets;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * {@code POST /hooks/gitea}: {@link GiteaHookHandler} wired to the config, the loop's {@link
 * ForgeEvent}s and the metrics ({@link HookIntake}), the signature header checked before the body
 * is read. Forgejo's own header names ({@code X-Forgejo-*}) are read where Gitea's are absent.
 */
@Singleton
@Startup
public class GiteaWebhooks extends HookIntake {
  private static final Path PATH =
      new Path(
          "gitea",
          "/hooks/gitea",
          GiteaHookHandler.MAX_BODY_SETTING,
          Logger.getLogger(GiteaWebhooks.class));

  private final GiteaHookHandler handler;

  @Inject
  public GiteaWebhooks(
      GiteaSettings gitea,
      GiteaWebhookSettings settings,
      ConfigSettings configSettings,
      ConfigSyncService config,
      Event<ForgeEvent> events,
      ForgeApiMetrics metrics) {
    super(PATH, settings.maxBodySize().asLongValue(), config, metrics);
    this.handler =
        new GiteaHookHandler(
            new WebhookSecrets(
                credentials(
                        PATH,
                        "Gitea",
                        "webhook-secret",
                        gitea.connections(),
                        GiteaSettings.Connection::webhookSecret,
                        GiteaSettings.Connection::bot)
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

  /** {@code X-Gitea-<name>}, else Forgejo's {@code X-Forgejo-<name>}. */
  public static String header(Function<String, String> headers, String name) {
    String gitea = headers.apply("X-Gitea-" + name);
    return gitea != null ? gitea : headers.apply("X-Forgejo-" + name);
  }

  /** Handles one delivery whose body the intake took: decides, counts and logs it. */
  public Outcome deliver(GiteaDelivery delivery) {
    return counted(delivery.id(), delivery.event(), handler.handle(delivery));
  }

  @Override
  protected Optional<Outcome> check(Function<String, String> header) {
    return handler.beforeBody(event(header), header(header, "Signature"));
  }

  @Override
  protected String event(Function<String, String> header) {
    return header(header, "Event");
  }

  @Override
  protected String deliveryId(Function<String, String> header) {
    return header(header, "Delivery");
  }

  @Override
  protected String metricEvent(String event) {
    return GiteaHookHandler.metricEvent(event);
  }
}
