package dev.ciorchestrator.forge.command;

import java.time.Instant;
import java.util.Objects;

/** A forge code review; {@code commitSha} is the head the reviewer saw when submitting it. */
public record Review(String author, State state, String commitSha, Instant submittedAt) {
  /** The review states every forge we support can map onto. */
  public enum State {
    APPROVED,
    CHANGES_REQUESTED,
    COMMENTED,
    DISMISSED
  }

  public Review {
    author = Objects.requireNonNullElse(author, "");
    Objects.requireNonNull(state, "state");
    commitSha = Objects.requireNonNullElse(commitSha, "");
    submittedAt = Objects.requireNonNullElse(submittedAt, Instant.EPOCH);
  }
}
