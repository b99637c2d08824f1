package dev.ciorchestrator.forge.gitlab.webhook;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Deliveries to {@code POST /hooks/gitlab} ({@code ci.webhooks.gitlab.*}). The tokens are per
 * connection, in {@code ci.forge.gitlab.<id>.webhook-token}.
 */
@ConfigMapping(prefix = "ci.webhooks.gitlab")
public interface GitLabWebhookSettings {
  /**
   * The largest body taken; a longer one gets 413. GitLab's merge request and note events are a few
   * kilobytes; a push of many commits lists at most 20 of them.
   */
  @WithDefault("5M")
  MemorySize maxBodySize();

  /** How many event UUIDs are remembered to ignore redeliveries; the oldest is forgotten first. */
  @WithDefault("10000")
  int rememberedDeliveries();
}
