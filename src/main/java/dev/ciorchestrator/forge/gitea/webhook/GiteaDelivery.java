package dev.ciorchestrator.forge.gitea.webhook;

/**
 * One request to {@code POST /hooks/gitea}, as received: headers may be null when absent; the body
 * was read whole by the intake, within its limits.
 *
 * @param event {@code X-Gitea-Event} (or Forgejo's {@code X-Forgejo-Event})
 * @param id {@code X-Gitea-Delivery} (or {@code X-Forgejo-Delivery})
 * @param signature {@code X-Gitea-Signature} (or {@code X-Forgejo-Signature}): bare hex
 */
public record GiteaDelivery(
    String event, String id, String signature, String contentType, byte[] body) {}
