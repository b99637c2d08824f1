package dev.ciorchestrator.forge.github.webhook;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Deliveries to {@code POST /hooks/github} ({@code ci.webhooks.github.*}). The secrets are per
 * connection, in {@code ci.forge.github.<id>.webhook-secret}.
 */
@ConfigMapping(prefix = "ci.webhooks.github")
public interface WebhookSettings {
  /**
   * The largest body taken; a longer one gets 413 before its signature is checked. GitHub's own cap
   * is 25 MB, but the events handled here are usually a few kilobytes (a comment holds at most
   * 65,536 characters); only a push of very many commits grows past this, and a refused delivery
   * only costs latency, as the poll still sees the change. {@code
   * quarkus.http.limits.max-body-size} (10 MiB) still caps it: above that, the 413 names Quarkus'
   * setting.
   */
  @WithDefault("5M")
  MemorySize maxBodySize();

  /** How many delivery ids are remembered to ignore replays; the oldest is forgotten first. */
  @WithDefault("10000")
  int rememberedDeliveries();
}
