package dev.ciorchestrator.forge.github.webhook;

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
 * A {@link WebhookHandler} over a fixed config, recording the events it fires and the syncs it asks
 * for, with deliveries signed as GitHub signs them.
 */
final class HandlerFixture {
  static final String SECRET = "hook secret of main";
  static final String OTHER_SECRET = "hook secret of other";
  static final String CONFIG_REPO_URL = "https://ci-bot:token@github.com/octo-org/ci-config.git";

  final List<ForgeEvent> fired = new ArrayList<>();
  final AtomicInteger syncs = new AtomicInteger();
  final WebhookHandler handler;
  private int ids;

  /** Connections {@code main} and {@code other}; {@code repos} maps repository → connection. */
  HandlerFixture(long maxBodySize, Map<String, String> repos) {
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
        new WebhookHandler(
            new WebhookSecrets(
                List.of(
                    new WebhookSecrets.Signer("main", SECRET, "ci-orchestrator[bot]"),
                    new WebhookSecrets.Signer("other", OTHER_SECRET, "ci-orchestrator[bot]"))),
            new RecentDeliveries(100),
            maxBodySize,
            () -> snapshot,
            CONFIG_REPO_URL,
            fired::add,
            syncs::incrementAndGet);
  }

  /** A delivery with a fresh id, signed with {@link #SECRET}. */
  Outcome deliver(String event, byte[] body) {
    return deliver(event, "delivery-" + ++ids, WebhookSignature.sign(SECRET, body), body);
  }

  Outcome deliver(String event, String id, String signature, byte[] body) {
    return handler.handle(new Delivery(event, id, signature, "application/json", body));
  }
}
