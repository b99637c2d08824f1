package dev.ciorchestrator.domain;

import java.util.List;
import java.util.Objects;

/**
 * What the planner knows about one open change: the change itself plus the state its comments have
 * produced. Commands are already folded ("only the newest state counts"), so the planner sees only
 * the result: is {@code /ok-to-test} given, which jobs were asked for, which were asked to retest.
 *
 * @param okToTest a trusted user said {@code /ok-to-test} (for the current or an earlier head)
 * @param requests explicit {@code /test} and {@code /retest} requests not yet served
 */
public record ChangeState(Change change, boolean okToTest, List<JobRequest> requests) {
  public ChangeState {
    Objects.requireNonNull(change, "change");
    requests = List.copyOf(requests);
  }

  public static ChangeState of(Change change) {
    return new ChangeState(change, false, List.of());
  }

  /**
   * A {@code /test <job>} ({@code job} may be {@code "all"}) or {@code /retest} (job empty) command
   * not yet acknowledged. {@code id} identifies the comment it came from, so the action that serves
   * it can acknowledge exactly this request.
   */
  public record JobRequest(String id, String job, String by, boolean retest) {}
}
