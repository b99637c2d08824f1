package dev.ciorchestrator.forge.gitea.webhook;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Deliveries to {@code POST /hooks/gitea} ({@code ci.webhooks.gitea.*}). The secrets are per
 * connection, in {@code ci.forge.gitea.<id>.webhook-secret}.
 */
@ConfigMapping(prefix = "ci.webhooks.gitea")
public interface GiteaWebhookSettings {
  /** The largest body taken; a longer one gets 413 before its signature is checked. */
  @WithDefault("5M")
  MemorySize maxBodySize();

  /** How many delivery ids are remembered to ignore replays; the oldest is forgotten first. */
  @WithDefault("10000")
  int rememberedDeliveries();
}
