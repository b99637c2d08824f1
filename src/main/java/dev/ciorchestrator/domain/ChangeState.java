package dev.ciorchestrator.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the planner knows about one open change: the change itself plus the state its comments have
 * produced. Commands are already folded ("only the newest state counts"), so the planner sees only
 * the result: is {@code /ok-to-test} given, which jobs were asked for, which were asked to retest.
 *
 * @param okToTest a trusted user said {@code /ok-to-test} (for the current or an earlier head)
 * @param okToTestForHead a trusted user said it after the current head was pushed; the planner asks
 *     for this one when a push by an untrusted author must be looked at again
 * @param requests explicit {@code /test} and {@code /retest} requests not yet served
 */
public record ChangeState(
    Change change, boolean okToTest, boolean okToTestForHead, List<JobRequest> requests) {
  public ChangeState {
    Objects.requireNonNull(change, "change");
    requests = List.copyOf(requests);
    if (okToTestForHead && !okToTest) {
      throw new IllegalArgumentException("an /ok-to-test for the head is an /ok-to-test");
    }
  }

  /** A change whose {@code /ok-to-test}, if any, was given for its current head. */
  public ChangeState(Change change, boolean okToTest, List<JobRequest> requests) {
    this(change, okToTest, okToTest, requests);
  }

  public static ChangeState of(Change change) {
    return new ChangeState(change, false, List.of());
  }

  /**
   * A {@code /test <job>} ({@code job} may be {@code "all"}, or a job's own command such as {@code
   * /lint}) or {@code /retest} (job empty) command not yet acknowledged. {@code id} identifies the
   * comment it came from, so the action that serves it can acknowledge exactly this request; {@code
   * at} is when that comment was written.
   */
  public record JobRequest(String id, String job, String by, boolean retest, Instant at) {
    public JobRequest {
      at = Objects.requireNonNullElse(at, Instant.EPOCH);
    }

    public JobRequest(String id, String job, String by, boolean retest) {
      this(id, job, by, retest, Instant.EPOCH);
    }

    /**
     * The command as written, for one job: {@code /retest}, {@code /test go-test}, {@code /lint}.
     */
    public String command() {
      if (retest) {
        return "/retest";
      }
      return job.startsWith("/") ? job : "/test " + job;
    }
  }
}
