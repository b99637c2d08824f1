package dev.ciorchestrator.forge.command;

import java.time.Instant;
import java.util.Objects;

/** A change comment as any forge presents it; {@code id} is the forge's stable comment id. */
public record Comment(String id, String author, String body, Instant createdAt) {
  public Comment {
    Objects.requireNonNull(id, "id");
    author = Objects.requireNonNullElse(author, "");
    body = Objects.requireNonNullElse(body, "");
    createdAt = Objects.requireNonNullElse(createdAt, Instant.EPOCH);
  }
}
