package dev.ciorchestrator.web;

import dev.ciorchestrator.domain.RunRecord;
import java.time.Instant;

/**
 * A run as the API shows it: the record flattened, states and triggers in their wire names, and
 * where to read its log.
 *
 * @param change the change number, 0 for push and scheduled runs
 * @param ref the pushed ref, schedule slot or merge-queue batch ({@code queue:<branch>@<batch>});
 *     empty for change runs
 * @param batch the merge-queue batch id of a batch run; empty for any other run
 * @param headSha the SHA the run tests; empty for scheduled runs
 * @param log the path of the log endpoint ({@code ?follow=true} streams it live)
 */
public record RunView(
    String id,
    String job,
    String repo,
    long change,
    String ref,
    String baseSha,
    String headSha,
    int attempt,
    String configRevision,
    String trigger,
    String causedBy,
    String requestId,
    String state,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    String message,
    String log,
    String batch) {
  static RunView of(RunRecord run) {
    var key = run.key();
    return new RunView(
        run.id(),
        key.job(),
        key.repo(),
        key.change(),
        key.ref(),
        run.baseSha(),
        key.sha(),
        key.attempt(),
        run.configRevision(),
        run.trigger().wire(),
        run.causedBy(),
        run.requestId(),
        run.state().wire(),
        run.queuedAt(),
        run.startedAt(),
        run.finishedAt(),
        run.message(),
        "/api/v1/runs/" + run.id() + "/log",
        key.batchId());
  }
}
