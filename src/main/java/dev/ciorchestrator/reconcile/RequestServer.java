package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.Answer.Outcome;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState.JobRequest;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves {@code /test <job>}, {@code /test all}, a job's own command and {@code /retest}: each
 * request yields the runs it asks for, then exactly one {@link Action.AcknowledgeRequest} whose
 * answer says what it did or why it could not. A request is always acknowledged in the plan that
 * first sees it, so it cannot pile up. What it names is checked before trust, so a typo is told as
 * a typo even on a change that may not run yet.
 */
final class RequestServer {
  private final RepoContext repo;
  private final Change change;
  private final Attempts attempts;
  private final DueCheck dueCheck;
  private final NeedsCheck needs;

  /**
   * @param needs the change's pipeline state; null when no job of the repository needs another
   */
  RequestServer(
      RepoContext repo, Change change, Attempts attempts, DueCheck dueCheck, NeedsCheck needs) {
    this.repo = repo;
    this.change = change;
    this.attempts = attempts;
    this.dueCheck = dueCheck;
    this.needs = needs;
  }

  List<Action> serve(List<JobRequest> requests, Decision trust) {
    List<Action> actions = new ArrayList<>();
    for (JobRequest request : requests) {
      Result result = serve(request, trust, actions);
      Answer answer =
          new Answer(
              request.id(),
              request.command(),
              request.by(),
              request.at(),
              result.outcome(),
              result.text());
      actions.add(new Action.AcknowledgeRequest(change.repo(), change.number(), answer));
    }
    return actions;
  }

  private record Result(Outcome outcome, String text) {}

  private Result serve(JobRequest request, Decision trust, List<Action> actions) {
    List<RunKey> served = attempts.servedBy(request.id());
    if (!served.isEmpty()) {
      return new Result(Outcome.DONE, started(served));
    }
    String asked = Objects.requireNonNullElse(request.job(), "").strip();
    Optional<CompiledJob> job = Optional.empty();
    if (!request.retest() && !asked.equals("all")) {
      job = repo.jobFor(asked);
      if (job.isEmpty()) {
        return UnknownJob.explain(repo, asked)
            .map(why -> new Result(Outcome.REFUSED, why))
            .orElse(new Result(Outcome.NOT_OURS, "not a command of ours"));
      }
    }
    if (!trust.pass()) {
      return new Result(
          Outcome.REFUSED,
          "not started: the change may not run yet ("
              + trust.reason()
              + "); a trusted user must comment /ok-to-test");
    }
    if (request.retest()) {
      return retest(request, actions);
    }
    if (job.isEmpty()) {
      return testAll(request, actions);
    }
    return startAll(List.of(job.get()), request, actions);
  }

  private Result testAll(JobRequest request, List<Action> actions) {
    List<CompiledJob> jobs = repo.jobs().stream().filter(dueCheck::dueByBranch).toList();
    if (jobs.isEmpty()) {
      return new Result(Outcome.NOTHING_TO_DO, "no job runs for branch '" + change.baseRef() + "'");
    }
    return startAll(jobs, request, actions);
  }

  private Result retest(JobRequest request, List<Action> actions) {
    List<CompiledJob> failed =
        repo.jobs().stream().filter(j -> attempts.retestable(j.name())).toList();
    if (failed.isEmpty()) {
      return new Result(
          Outcome.NOTHING_TO_DO,
          "nothing to retest: no failed job on " + Names.shortSha(change.headSha()));
    }
    return startAll(failed, request, actions);
  }

  private Result startAll(List<CompiledJob> jobs, JobRequest request, List<Action> actions) {
    List<RunKey> started = new ArrayList<>();
    List<String> busy = new ArrayList<>();
    List<String> asked = jobs.stream().map(CompiledJob::name).toList();
    for (CompiledJob job : jobs) {
      Optional<String> waits = waits(job, asked);
      if (waits.isPresent()) {
        busy.add(waits.get());
        continue;
      }
      startUnlessBusy(job, request, actions)
          .ifPresentOrElse(
              started::add,
              () ->
                  busy.add(
                      job.name()
                          + " is already running ("
                          + attempts.busy(job.name()).orElseThrow()
                          + ")"));
    }
    List<String> parts = new ArrayList<>();
    if (!started.isEmpty()) {
      parts.add(started(started));
    }
    parts.addAll(busy);
    return new Result(
        started.isEmpty() ? Outcome.NOTHING_TO_DO : Outcome.DONE, String.join("; ", parts));
  }

  /**
   * A job below a needed job that has not succeeded on this head, or that this request starts
   * again, does not start now; it starts on its own once that job passes (or is skipped if it
   * fails), so the answer says what it waits for.
   */
  private Optional<String> waits(CompiledJob job, List<String> asked) {
    if (needs == null || job.needs().isEmpty()) {
      return Optional.empty();
    }
    NeedsCheck.Verdict v = needs.verdict(job.name());
    if (v.holds()) {
      return Optional.of(job.name() + " not started: " + v.reason());
    }
    // Asked for together with a job it needs: it follows that job's new run instead of racing it.
    List<String> again =
        job.needs().stream()
            .filter(n -> asked.contains(n) || attempts.busy(n).isPresent())
            .toList();
    if (again.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        job.name() + " waits for " + String.join(", ", again) + ", which runs again first");
  }

  /** The same words for a fresh start and for one found again after a crash. */
  private static String started(List<RunKey> keys) {
    List<String> runs = new ArrayList<>();
    for (RunKey key : keys) {
      runs.add(key.job() + " (attempt " + key.attempt() + ")");
    }
    return "started " + String.join(", ", runs);
  }

  /*
   * The crash window, plank style: the executor first creates the run (recording the request id
   * on it), then acknowledges the request. If it dies in between, the next plan sees the same
   * request again beside the run it caused: "run exists but request not acknowledged: don't start
   * it again". serve() finds that run by the request id whatever state it has reached, so even a
   * run that already finished is not started a second time.
   */
  private Optional<RunKey> startUnlessBusy(
      CompiledJob job, JobRequest request, List<Action> actions) {
    if (attempts.busy(job.name()).isPresent()) {
      return Optional.empty();
    }
    RunKey key = attempts.start(job.name());
    String by = Objects.requireNonNullElse(request.by(), "");
    String why = request.command() + " by " + by;
    actions.add(new Action.StartRun(key, Trigger.COMMAND, by, request.id(), why));
    return Optional.of(key);
  }
}
