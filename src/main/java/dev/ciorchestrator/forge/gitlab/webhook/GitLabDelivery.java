package dev.ciorchestrator.forge.gitlab.webhook;

/**
 * One request to {@code POST /hooks/gitlab}, as received: headers may be null when absent; the body
 * was read whole by the intake, within its limits.
 *
 * @param event {@code X-Gitlab-Event}
 * @param id {@code X-Gitlab-Event-UUID}, else {@code Idempotency-Key}: the same on a redelivery
 * @param token {@code X-Gitlab-Token}
 */
public record GitLabDelivery(
    String event, String id, String token, String contentType, byte[] body) {}
