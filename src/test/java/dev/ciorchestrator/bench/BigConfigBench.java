package dev.ciorchestrator.bench;

/**
 * Big-config benchmark of docs/benchmarks.md (issue 18): {@link ConfigBench}'s rows for 10,000 jobs
 * and 2,000 policies. The cold-load goal is for a warm JVM, so it is the median, not the first
 * round.
 */
public final class BigConfigBench {
  private BigConfigBench() {}

  public static void main(String[] args) throws Exception {
    ConfigBench.measure(10_000, 2_000, Integer.getInteger("bench.rounds", 5), "≤ 3000 ms");
  }
}
