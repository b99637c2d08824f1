package dev.ciorchestrator.reconcile;

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
 * Serves {@code /test <job>}, {@code /test all} and {@code /retest}: each request yields the runs
 * it asks for, then exactly one {@link Action.AcknowledgeRequest} saying what it did or why it
 * could not. A request is always acknowledged in the plan that first sees it, so it cannot pile up.
 */
final class RequestServer {
  private final RepoContext repo;
  private final Change change;
  private final Attempts attempts;
  private final DueCheck dueCheck;

  RequestServer(RepoContext repo, Change change, Attempts attempts, DueCheck dueCheck) {
    this.repo = repo;
    this.change = change;
    this.attempts = attempts;
    this.dueCheck = dueCheck;
  }

  List<Action> serve(List<JobRequest> requests, Decision trust) {
    List<Action> actions = new ArrayList<>();
    for (JobRequest request : requests) {
      String outcome =
          trust.pass()
              ? serve(request, actions)
              : "not started: change is not trusted (" + trust.reason() + ")";
      actions.add(
          new Action.AcknowledgeRequest(change.repo(), change.number(), request.id(), outcome));
    }
    return actions;
  }

  private String serve(JobRequest request, List<Action> actions) {
    List<String> served = attempts.servedBy(request.id());
    if (!served.isEmpty()) {
      return "already served: " + String.join(", ", served);
    }
    if (request.retest()) {
      return retest(request, actions);
    }
    String asked = Objects.requireNonNullElse(request.job(), "").strip();
    if (asked.equals("all")) {
      return testAll(request, actions);
    }
    Optional<CompiledJob> job = repo.jobFor(asked);
    if (job.isEmpty()) {
      return "no job '" + asked + "' for " + repo.name();
    }
    return startUnlessBusy(job.get(), request, actions);
  }

  private String testAll(JobRequest request, List<Action> actions) {
    List<CompiledJob> jobs = repo.jobs().stream().filter(dueCheck::dueByBranch).toList();
    if (jobs.isEmpty()) {
      return "no job runs for branch '" + change.baseRef() + "'";
    }
    return startAll(jobs, request, actions);
  }

  private String retest(JobRequest request, List<Action> actions) {
    List<CompiledJob> failed =
        repo.jobs().stream().filter(j -> attempts.retestable(j.name())).toList();
    if (failed.isEmpty()) {
      return "nothing to retest: no failed job on " + Names.shortSha(change.headSha());
    }
    return startAll(failed, request, actions);
  }

  private String startAll(List<CompiledJob> jobs, JobRequest request, List<Action> actions) {
    List<String> outcomes = new ArrayList<>();
    for (CompiledJob job : jobs) {
      outcomes.add(startUnlessBusy(job, request, actions));
    }
    return String.join("; ", outcomes);
  }

  /*
   * The crash window, plank style: the executor first creates the run (recording the request id
   * on it), then acknowledges the request. If it dies in between, the next plan sees the same
   * request again beside the run it caused: "run exists but request not acknowledged: don't start
   * it again". serve() finds that run by the request id whatever state it has reached, so even a
   * run that already finished is not started a second time.
   */
  private String startUnlessBusy(CompiledJob job, JobRequest request, List<Action> actions) {
    Optional<String> busy = attempts.busy(job.name());
    if (busy.isPresent()) {
      return job.name() + " already started: " + busy.get();
    }
    RunKey key = attempts.start(job.name());
    String by = Objects.requireNonNullElse(request.by(), "");
    String why = (request.retest() ? "/retest" : "/test " + request.job()) + " by " + by;
    actions.add(new Action.StartRun(key, Trigger.COMMAND, by, request.id(), why));
    return "started " + key.id() + " (attempt " + key.attempt() + ")";
  }
}
