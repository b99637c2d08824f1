package dev.ciorchestrator.forge;

import java.util.Objects;

/**
 * Something happened on a forge that concerns {@code repo}: a change opened, a comment, a push, a
 * webhook. The loop reconciles that repository at once instead of waiting for its next poll; the
 * event carries nothing else, because the loop always reads the forge's current state (level, not
 * edge, driven: a lost event only costs latency).
 */
public record ForgeEvent(String forge, String repo) {
  public ForgeEvent {
    Objects.requireNonNull(forge, "forge");
    Objects.requireNonNull(repo, "repo");
  }
}
