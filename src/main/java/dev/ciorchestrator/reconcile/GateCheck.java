package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * May a change merge: the built-in {@code required-jobs}, then every applicable gate policy in
 * config order. A policy whose {@code match} is false is not part of the gate; one that cannot be
 * evaluated fails it.
 */
final class GateCheck {
  static final String REQUIRED_JOBS = "required-jobs";

  private GateCheck() {}

  /**
   * @param extra decisions from outside the config, after {@code required-jobs}
   * @param bindings what the policies see
   * @param ifRequiredPassed the same with every due required job at {@code success}: a failing
   *     policy that passes there says nothing {@code required-jobs} does not say already
   */
  static GateDecision decide(
      RepoContext repo,
      Decision trust,
      List<JobDecision> jobs,
      List<Decision> extra,
      Supplier<Bindings> bindings,
      Supplier<Bindings> ifRequiredPassed) {
    List<Decision> decisions = new ArrayList<>();
    if (!trust.pass()) {
      decisions.add(trust);
    }
    Decision required = requiredJobs(jobs);
    decisions.add(required);
    decisions.addAll(extra);
    Set<String> repeats = new LinkedHashSet<>();
    for (CompiledPolicy p : repo.gatePolicies()) {
      p.decide(bindings.get())
          .ifPresent(
              d -> {
                decisions.add(d);
                if (!d.pass() && !required.pass() && p.wouldAllow(ifRequiredPassed.get())) {
                  repeats.add(d.policy());
                }
              });
    }
    return GateDecision.of(decisions, repeats);
  }

  /**
   * Only required jobs that are due count (as Prow's tide requires only the contexts of jobs that
   * should run): a job whose paths did not match cannot block the merge.
   */
  static Decision requiredJobs(List<JobDecision> jobs) {
    List<JobDecision> required = jobs.stream().filter(j -> j.required() && j.due()).toList();
    List<JobDecision> notPassed =
        required.stream().filter(j -> j.status() != JobStatus.SUCCESS).toList();
    if (required.isEmpty()) {
      return Decision.pass(REQUIRED_JOBS, "no required job is due");
    }
    if (notPassed.isEmpty()) {
      return Decision.pass(REQUIRED_JOBS, "all required jobs passed");
    }
    return Decision.fail(
        REQUIRED_JOBS,
        notPassed.stream()
            .map(j -> j.job() + " is " + j.status().wire())
            .collect(Collectors.joining(", ")));
  }
}
