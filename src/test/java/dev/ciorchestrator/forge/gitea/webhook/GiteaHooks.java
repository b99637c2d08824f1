package dev.ciorchestrator.forge.gitea.webhook;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.webhook.Outcome;
import dev.ciorchestrator.forge.webhook.RecentDeliveries;
import dev.ciorchestrator.forge.webhook.WebhookSecrets;
import dev.ciorchestrator.forge.webhook.WebhookSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link GiteaHookHandler} over a fixed config with connections {@code main} and {@code other},
 * recording what it fires, with deliveries signed as Gitea signs them (bare hex).
 */
final class GiteaHooks {
  static final String SECRET = "gitea hook secret of main";
  static final String BOT = "ci-bot";
  static final String CONFIG_REPO_URL = "https://ci-bot:t@gitea.example.com/acme/ci-config.git";

  final List<ForgeEvent> fired = new ArrayList<>();
  final AtomicInteger syncs = new AtomicInteger();
  final GiteaHookHandler handler;
  private int ids;

  GiteaHooks(long maxBodySize, Map<String, String> repos) {
    List<Repository> configured = new ArrayList<>();
    repos.forEach(
        (name, forge) ->
            configured.add(
                new Repository(
                    name,
                    forge,
                    "main",
                    false,
                    MergeMethod.MERGE,
                    List.of(),
                    true,
                    List.of(),
                    SourcePosition.ofFile("repos.yaml"))));
    ConfigSnapshot snapshot = new ConfigSnapshot("abc", configured, List.of(), List.of(), Map.of());
    handler =
        new GiteaHookHandler(
            new WebhookSecrets(
                List.of(
                    new WebhookSecrets.Signer("main", SECRET, BOT),
                    new WebhookSecrets.Signer("other", "gitea secret of other", BOT))),
            new RecentDeliveries(100),
            maxBodySize,
            () -> snapshot,
            CONFIG_REPO_URL,
            fired::add,
            syncs::incrementAndGet);
  }

  /** Gitea's {@code X-Gitea-Signature}: the bare hex HMAC-SHA256. */
  static String sign(String secret, byte[] body) {
    return WebhookSignature.sign(secret, body).substring("sha256=".length());
  }

  Outcome deliver(String event, byte[] body) {
    return deliver(event, "delivery-" + ++ids, sign(SECRET, body), body);
  }

  Outcome deliver(String event, String id, String signature, byte[] body) {
    return handler.handle(new GiteaDelivery(event, id, signature, "application/json", body));
  }
}
