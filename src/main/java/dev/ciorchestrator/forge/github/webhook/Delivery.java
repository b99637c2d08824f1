package dev.ciorchestrator.forge.github.webhook;

import java.io.InputStream;

/**
 * One request to {@code POST /hooks/github}, as received: headers may be null when absent, and the
 * body is still unread.
 *
 * @param event {@code X-GitHub-Event}
 * @param id {@code X-GitHub-Delivery}
 * @param signature {@code X-Hub-Signature-256}
 * @param contentLength the declared length, or -1 when none was declared (chunked)
 */
public record Delivery(
    String event,
    String id,
    String signature,
    String contentType,
    long contentLength,
    InputStream body) {}
