package dev.ciorchestrator.forge.github.webhook;

/**
 * One request to {@code POST /hooks/github}, as received: headers may be null when absent; the body
 * was read whole by the intake, within its limits.
 *
 * @param event {@code X-GitHub-Event}
 * @param id {@code X-GitHub-Delivery}
 * @param signature {@code X-Hub-Signature-256}
 * @param body the exact bytes received, which the signature covers
 */
public record Delivery(
    String event, String id, String signature, String contentType, byte[] body) {}
