package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.JobStatus;
import java.util.Objects;

/**
 * Why one job is or is not due for a change's head SHA, and where it stands.
 *
 * @param due the job's pull-request trigger and {@code when} select this change
 * @param status the latest attempt's state on the head SHA; {@code MISSING} when due but not
 *     started, {@code SKIPPED} when not due and never run
 * @param required the job counts for the gate when it is due
 * @param reason for people: "paths did not match any changed file", "already ran: attempt 1
 *     (failure)"
 */
public record JobDecision(
    String job, boolean due, JobStatus status, boolean required, String reason) {
  public JobDecision {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }
}
