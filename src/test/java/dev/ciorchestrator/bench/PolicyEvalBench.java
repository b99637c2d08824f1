package dev.ciorchestrator.bench;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.ResultType;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-evaluation cost of a typical gate rule (3 clauses over 10 jobs), and compile cost. */
public final class PolicyEvalBench {
  static final String RULE =
      "size(change.approvals) >= 2 && !('hold' in change.labels)"
          + " && jobs.all(j, !jobs[j].required || jobs[j].status == 'success')";

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private PolicyEvalBench() {}

  /** A change with two approvals, one label and one file. */
  static Change change(String title) {
    return new Change(
        "org/repo",
        7,
        title,
        "alice",
        false,
        List.of("lgtm"),
        List.of("bob", "carol"),
        "main",
        "b",
        "topic",
        "h",
        List.of("a.go"),
        true,
        NOW,
        NOW);
  }

  public static void main(String[] args) throws Exception {
    Change change = change("t");
    Map<String, Bindings.JobView> jobs = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      jobs.put("job-" + i, new Bindings.JobView(JobStatus.SUCCESS, i % 2 == 0));
    }
    Bindings bindings = Bindings.of(change, jobs, "org/repo", "main", NOW);
    CelPolicyEngine engine = new CelPolicyEngine();
    Expression rule = ((Compilation.Compiled) engine.compile(RULE, ResultType.BOOL)).expression();
    int n = 200_000;
    Stopwatch.Result eval =
        Stopwatch.time(
            "evaluate a 3-clause gate rule over 10 jobs, " + n + " times",
            7,
            () -> {
              boolean all = true;
              for (int i = 0; i < n; i++) {
                all &= (Boolean) rule.evaluate(bindings);
              }
              return all;
            });
    int distinct = 200;
    Stopwatch.Result compile =
        Stopwatch.time(
            "compile " + distinct + " distinct rules (fresh engine, no cache hits)",
            5,
            () -> {
              CelPolicyEngine fresh = new CelPolicyEngine();
              for (int i = 0; i < distinct; i++) {
                fresh.compile(RULE + " && size(change.files) > " + i, ResultType.BOOL);
              }
              return fresh;
            });
    System.out.println("| benchmark | first (ms) | median (ms) | best (ms) | rounds | per item |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.println(
        eval.line(String.format("%.2f µs per evaluation", eval.medianMs() * 1000 / n)));
    System.out.println(
        compile.line(String.format("%.2f ms per compile", compile.medianMs() / distinct)));
  }
}
