package dev.ciorchestrator.forge.gitlab.webhook;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.webhook.HookTokens;
import dev.ciorchestrator.forge.webhook.Outcome;
import dev.ciorchestrator.forge.webhook.RecentDeliveries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link GitLabHookHandler} over a fixed config with connections {@code main} and {@code other},
 * recording the events it fires and the syncs it asks for.
 */
final class GitLabHooks {
  static final String TOKEN = "gitlab hook token of main";
  static final String OTHER_TOKEN = "gitlab hook token of other";
  static final String BOT = "ci-bot";
  static final String CONFIG_REPO_URL = "https://oauth2:t@gitlab.example.com/acme/ci-config.git";

  final List<ForgeEvent> fired = new ArrayList<>();
  final AtomicInteger syncs = new AtomicInteger();
  final GitLabHookHandler handler;
  private int ids;

  /** {@code repos} maps repository → connection. */
  GitLabHooks(long maxBodySize, Map<String, String> repos) {
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
        new GitLabHookHandler(
            new HookTokens(
                List.of(
                    new HookTokens.Holder("main", TOKEN, BOT),
                    new HookTokens.Holder("other", OTHER_TOKEN, BOT))),
            new RecentDeliveries(100),
            maxBodySize,
            () -> snapshot,
            CONFIG_REPO_URL,
            fired::add,
            syncs::incrementAndGet);
  }

  /** A delivery with a fresh UUID and {@link #TOKEN}. */
  Outcome deliver(String event, byte[] body) {
    return deliver(event, "uuid-" + ++ids, TOKEN, body);
  }

  Outcome deliver(String event, String id, String token, byte[] body) {
    return handler.handle(new GitLabDelivery(event, id, token, "application/json", body));
  }
}
