package dev.ciorchestrator.forge.gitea;

import dev.ciorchestrator.domain.CommitStatus;
import java.util.Optional;

/**
 * Commit statuses as Gitea names their states: pending, success, error, failure, warning. A warning
 * (set by others) reads as a success that says something, as Gitea shows it.
 */
final class GiteaStatuses {
  private GiteaStatuses() {}

  static String write(CommitStatus.State state) {
    return switch (state) {
      case PENDING -> "pending";
      case SUCCESS -> "success";
      case FAILURE -> "failure";
      case ERROR -> "error";
    };
  }

  static Optional<CommitStatus.State> read(String state) {
    return switch (state) {
      case "pending" -> Optional.of(CommitStatus.State.PENDING);
      case "success", "warning" -> Optional.of(CommitStatus.State.SUCCESS);
      case "failure" -> Optional.of(CommitStatus.State.FAILURE);
      case "error" -> Optional.of(CommitStatus.State.ERROR);
      default -> Optional.empty();
    };
  }
}
