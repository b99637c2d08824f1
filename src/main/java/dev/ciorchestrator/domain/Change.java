package dev.ciorchestrator.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pull request ("change") as every forge adapter presents it to the core; the fields are the CEL
 * {@code change} variable of DESIGN.md. {@code approvals} holds only approvals that count for the
 * current head SHA.
 */
public record Change(
    String repo,
    long number,
    String title,
    String author,
    boolean draft,
    List<String> labels,
    List<String> approvals,
    String baseRef,
    String baseSha,
    String headRef,
    String headSha,
    List<String> files,
    boolean mergeable,
    Instant createdAt,
    Instant updatedAt) {
  public Change {
    Objects.requireNonNull(repo, "repo");
    title = Objects.requireNonNullElse(title, "");
    author = Objects.requireNonNullElse(author, "");
    labels = List.copyOf(labels);
    approvals = List.copyOf(approvals);
    baseRef = Objects.requireNonNullElse(baseRef, "");
    baseSha = Objects.requireNonNullElse(baseSha, "");
    headRef = Objects.requireNonNullElse(headRef, "");
    headSha = Objects.requireNonNullElse(headSha, "");
    files = List.copyOf(files);
    createdAt = Objects.requireNonNullElse(createdAt, Instant.EPOCH);
    updatedAt = Objects.requireNonNullElse(updatedAt, createdAt);
  }
}
