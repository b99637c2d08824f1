package dev.ciorchestrator.bench;

import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each kind of hostile rule of issue 11 §7 runs before it ends as a policy error, with the
 * default limits (100 ms of CPU time, wall-clock caps of 300 ms and 1 s, 10,000 iterations, 32
 * MiB): wall-clock and CPU time of the evaluating thread, over several rounds in one JVM.
 */
public final class HostileRuleBench {
  private static final String MEBI = "('a'" + ".replace('a', 'aaaa')".repeat(10) + ")";
  private static final String NEEDLE = "(change.title.substring(100000) + 'b')";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private HostileRuleBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> rules = new LinkedHashMap<>();
    rules.put(
        "nested comprehensions (100 × 100 × 100)",
        "lists.range(100).all(a, lists.range(100).all(b, lists.range(100).all(c, a + b + c >= 0)))");
    rules.put(
        "string growth kept in a list", "lists.range(10000).map(i, MEBI.substring(i)).size() > 0");
    rules.put(
        "huge lists (10,000 × 10,000)", "lists.range(10000).map(i, lists.range(10000)).size() > 0");
    rules.put("quadratic contains (200,000 × 100,001)", "change.title.contains(NEEDLE)");
    rules.put("quadratic indexOf", "change.title.indexOf(NEEDLE) >= 0");
    rules.put("quadratic split", "change.title.split(NEEDLE).size() > 1");
    rules.put("quadratic replace", "change.title.replace(NEEDLE, 'x') != ''");
    rules.put("quadratic contains on built strings", "MEBI.contains(MEBI.substring(500000) + 'b')");
    rules.put(
        "regex bomb built at run time",
        "change.title.matches(change.author + '((a{1000}){1000}){1000}')");
    rules.put(
        "slow regex ([a-z]{1000}b on 200,000 characters)", "change.title.matches('[a-z]{1000}b')");
    rules.put("slow regex on a built string", "MEBI.matches('[a-z]{1000}b')");
    Bindings bindings = bindings("a".repeat(200_000));
    CelPolicyEngine engine = new CelPolicyEngine();
    int rounds = 7;
    System.out.println(
        "| hostile rule | ends as | wall median (ms) | wall max (ms) | CPU median (ms) | rounds |");
    System.out.println("|---|---|---|---|---|---|");
    for (Map.Entry<String, String> rule : rules.entrySet()) {
      String source = rule.getValue().replace("MEBI", MEBI).replace("NEEDLE", NEEDLE);
      Expression expression =
          ((Compilation.Compiled) engine.compile(source, ResultType.BOOL)).expression();
      double[] wall = new double[rounds];
      double[] cpu = new double[rounds];
      String error = "";
      for (int i = 0; i < rounds; i++) {
        long wallStart = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try {
          expression.evaluate(bindings);
          throw new IllegalStateException(rule.getKey() + " evaluated without a policy error");
        } catch (PolicyException e) {
          error = e.getMessage();
        }
        wall[i] = (System.nanoTime() - wallStart) / 1e6;
        cpu[i] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
      }
      Arrays.sort(wall);
      Arrays.sort(cpu);
      System.out.printf(
          "| %s | %s | %.1f | %.1f | %.1f | %d |%n",
          rule.getKey(), bound(error), wall[rounds / 2], wall[rounds - 1], cpu[rounds / 2], rounds);
    }
  }

  private static String bound(String error) {
    for (String bound :
        List.of("time limit", "iteration budget", "allocation budget", "too large")) {
      if (error.contains(bound)) {
        return bound;
      }
    }
    return error;
  }

  private static Bindings bindings(String title) {
    return Bindings.of(
        PolicyEvalBench.change(title),
        Map.of("build", new Bindings.JobView(JobStatus.SUCCESS, true)),
        "org/repo",
        "main",
        PolicyEvalBench.NOW);
  }
}
