package dev.ciorchestrator.bench;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.ResultType;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Per-evaluation cost of a typical gate rule (3 clauses over 10 and 50 jobs) through the engine,
 * against bare cel-java on the same rule in the same run, and compile cost.
 */
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

  /** {@code n} jobs, every second one required, all passed. */
  static Bindings bindings(int n) {
    Map<String, Bindings.JobView> jobs = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      jobs.put("job-" + i, new Bindings.JobView(JobStatus.SUCCESS, i % 2 == 0));
    }
    return Bindings.of(change("t"), jobs, "org/repo", "main", NOW);
  }

  public static void main(String[] args) throws Exception {
    CelPolicyEngine engine = new CelPolicyEngine();
    Expression rule = ((Compilation.Compiled) engine.compile(RULE, ResultType.BOOL)).expression();
    List<Stopwatch.Result> rows = new ArrayList<>();
    List<String> perItem = new ArrayList<>();
    for (int jobs : new int[] {10, 50}) {
      Bindings bindings = bindings(jobs);
      int n = Integer.getInteger("bench.evaluations", 100_000) / jobs;
      BareCel planner = BareCel.planner(RULE, bindings);
      BareCel standard = BareCel.standard(RULE, bindings);
      String what = " a 3-clause gate rule over " + jobs + " jobs, " + n + " times";
      rows.add(evaluations("engine (Expression port):" + what, n, () -> rule.evaluate(bindings)));
      rows.add(evaluations("bare cel-java, planner runtime:" + what, n, planner::evaluate));
      rows.add(evaluations("bare cel-java, standard runtime:" + what, n, standard::evaluate));
      for (int i = 0; i < 3; i++) {
        perItem.add(
            String.format(
                "%.2f µs per evaluation", rows.get(rows.size() - 3 + i).medianMs() * 1000 / n));
      }
    }
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
    for (int i = 0; i < rows.size(); i++) {
      System.out.println(rows.get(i).line(perItem.get(i)));
    }
    System.out.println(
        compile.line(String.format("%.2f ms per compile", compile.medianMs() / distinct)));
  }

  private static Stopwatch.Result evaluations(String what, int n, Callable<Object> eval)
      throws Exception {
    return Stopwatch.time(
        what,
        5,
        () -> {
          boolean all = true;
          for (int i = 0; i < n; i++) {
            all &= (Boolean) eval.call();
          }
          return all;
        });
  }
}
