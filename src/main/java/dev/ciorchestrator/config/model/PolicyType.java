package dev.ciorchestrator.config.model;

/**
 * {@code gate}: every applicable gate policy must pass before a change may merge. {@code trust}:
 * may this change's jobs run without {@code /ok-to-test}.
 */
public enum PolicyType {
  GATE,
  TRUST
}
