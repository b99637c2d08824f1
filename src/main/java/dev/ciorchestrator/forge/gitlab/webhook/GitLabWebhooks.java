package dev.ciorchestrator.forge.gitlab.webhook;

import dev.ciorchestrator.config.sync.ConfigSettings;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.gitlab.GitLabSettings;
import dev.ciorchestrator.forge.webhook.HookIntake;
import dev.ciorchestrator.forge.webhook.HookTokens;
import dev.ciorchestrator.forge.webhook.Outcome;
import dev.ciorchestrator.forge.webhook.RecentDeliveries;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * {@code POST /hooks/gitlab}: {@link GitLabHookHandler} wired to the config, the loop's {@link
 * ForgeEvent}s and the metrics ({@link HookIntake}), {@code X-Gitlab-Token} checked before the body
 * is read.
 */
@Singleton
@Startup
public class GitLabWebhooks extends HookIntake {
  private static final Path PATH =
      new Path(
          "gitlab",
          "/hooks/gitlab",
          GitLabHookHandler.MAX_BODY_SETTING,
          Logger.getLogger(GitLabWebhooks.class));

  private final GitLabHookHandler handler;

  @Inject
  public GitLabWebhooks(
      GitLabSettings gitlab,
      GitLabWebhookSettings settings,
      ConfigSettings configSettings,
      ConfigSyncService config,
      Event<ForgeEvent> events,
      ForgeApiMetrics metrics) {
    super(PATH, settings.maxBodySize().asLongValue(), config, metrics);
    this.handler =
        new GitLabHookHandler(
            new HookTokens(
                credentials(
                        PATH,
                        "GitLab",
                        "webhook-token",
                        gitlab.connections(),
                        GitLabSettings.Connection::webhookToken,
                        GitLabSettings.Connection::bot)
                    .stream()
                    .map(c -> new HookTokens.Holder(c.connection(), c.secret(), c.bot()))
                    .toList()),
            new RecentDeliveries(settings.rememberedDeliveries()),
            maxBodySize(),
            config::current,
            configSettings.repoUrl(),
            events::fire,
            refresh());
  }

  /** Handles one delivery whose body the intake took: decides, counts and logs it. */
  public Outcome deliver(GitLabDelivery delivery) {
    return counted(delivery.id(), delivery.event(), handler.handle(delivery));
  }

  @Override
  protected Optional<Outcome> check(Function<String, String> header) {
    return handler.beforeBody(event(header), header.apply(GitLabHookHandler.TOKEN_HEADER));
  }

  @Override
  protected String event(Function<String, String> header) {
    return header.apply(GitLabHookHandler.EVENT_HEADER);
  }

  /** GitLab's event UUID, else its idempotency key. */
  @Override
  protected String deliveryId(Function<String, String> header) {
    return id(header);
  }

  static String id(Function<String, String> header) {
    String uuid = header.apply(GitLabHookHandler.UUID_HEADER);
    return uuid != null ? uuid : header.apply(GitLabHookHandler.IDEMPOTENCY_HEADER);
  }

  @Override
  protected String metricEvent(String event) {
    return GitLabHookHandler.metricEvent(event);
  }
}
