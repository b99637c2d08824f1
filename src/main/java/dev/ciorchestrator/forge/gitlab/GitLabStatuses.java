package dev.ciorchestrator.forge.gitlab;

import dev.ciorchestrator.domain.CommitStatus;
import java.util.Optional;

/**
 * Commit statuses as GitLab names their states. Written: pending, running (a pending status whose
 * run is running), success, failed, canceled (an error: the run could not finish); read back so
 * that what we wrote compares equal, and GitLab's own {@code created} and {@code skipped} too.
 */
final class GitLabStatuses {
  private GitLabStatuses() {}

  static String write(CommitStatus status) {
    return switch (status.state()) {
      case PENDING -> status.description().startsWith("running") ? "running" : "pending";
      case SUCCESS -> "success";
      case FAILURE -> "failed";
      case ERROR -> "canceled";
    };
  }

  static Optional<CommitStatus.State> read(String state) {
    return switch (state) {
      case "created", "waiting_for_resource", "preparing", "pending", "running", "manual" ->
          Optional.of(CommitStatus.State.PENDING);
      case "success" -> Optional.of(CommitStatus.State.SUCCESS);
      case "failed" -> Optional.of(CommitStatus.State.FAILURE);
      case "canceled" -> Optional.of(CommitStatus.State.ERROR);
      default -> Optional.empty(); // skipped, and states GitLab adds later
    };
  }

  /**
   * Whether a 400 says the status already has this state: GitLab refuses to move a pending or
   * running status to the state it is in ("Cannot transition status via :run from :running").
   */
  static boolean alreadySo(String reason) {
    return reason.contains("Cannot transition status");
  }
}
