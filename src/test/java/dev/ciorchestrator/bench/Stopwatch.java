package dev.ciorchestrator.bench;

import java.util.Arrays;
import java.util.concurrent.Callable;

/** Repeats a piece of work and reports the median and best wall time, in milliseconds. */
final class Stopwatch {
  private Stopwatch() {}

  record Result(String what, double firstMs, double medianMs, double bestMs, int rounds) {
    String line(String goal) {
      return String.format(
          "| %s | %.1f | %.1f | %.1f | %d | %s |", what, firstMs, medianMs, bestMs, rounds, goal);
    }
  }

  static <T> Result time(String what, int rounds, Callable<T> work) throws Exception {
    return time(what, rounds, () -> null, work);
  }

  /** As above, running {@code prepare} before each round, outside the time taken. */
  static <T> Result time(String what, int rounds, Callable<?> prepare, Callable<T> work)
      throws Exception {
    double[] ms = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      prepare.call();
      long start = System.nanoTime();
      T result = work.call();
      ms[i] = (System.nanoTime() - start) / 1e6;
      if (result == null) {
        throw new IllegalStateException(what + " produced nothing");
      }
    }
    double first = ms[0];
    Arrays.sort(ms);
    return new Result(what, first, ms[rounds / 2], ms[0], rounds);
  }
}
