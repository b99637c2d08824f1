package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.JobStatus;
import java.util.List;
import java.util.Objects;

/**
 * Why one job is or is not due for a change's head SHA, and where it stands.
 *
 * @param due the job's pull-request trigger and {@code when} select this change
 * @param status the latest attempt's state on the head SHA; {@code MISSING} when due but not
 *     started, {@code SKIPPED} when not due and never run
 * @param required the job counts for the gate when it is due
 * @param reason for people: "paths did not match any changed file", "already ran: attempt 1
 *     (failure)", "waiting for c-test (attempt 1, running)"
 * @param needs the jobs this one needs ({@code needs}), for the summary's graph
 * @param held its pipeline holds it back: it waits for, or is skipped because of, a job it needs;
 *     the summary then shows this decision rather than an older run of the job
 */
public record JobDecision(
    String job,
    boolean due,
    JobStatus status,
    boolean required,
    String reason,
    List<String> needs,
    boolean held) {
  public JobDecision {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    needs = List.copyOf(needs);
  }

  /** A job outside any pipeline. */
  public JobDecision(String job, boolean due, JobStatus status, boolean required, String reason) {
    this(job, due, status, required, reason, List.of(), false);
  }
}
