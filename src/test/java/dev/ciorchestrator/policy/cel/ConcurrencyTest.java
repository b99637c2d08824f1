package dev.ciorchestrator.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.ResultType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One engine and one expression serve many threads; each evaluation sees its own bindings. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final String GATE =
      "jobs.all(j, !jobs[j].required || jobs[j].status == 'success')";

  @Test
  void evaluatesOneExpressionFromManyThreads() {
    // A generous time limit: a loaded CI machine must not turn this smoke test into a timing test.
    CelPolicyEngine engine =
        new CelPolicyEngine(CelLimits.DEFAULT.withTimeLimit(Duration.ofSeconds(10)));
    Expression gate = Fixtures.compiled(engine, GATE, ResultType.BOOL);
    Bindings passing = Fixtures.bindings(Fixtures.change(), Fixtures.jobs(10, JobStatus.SUCCESS));
    Bindings failing = Fixtures.bindings(Fixtures.change(), Fixtures.jobs(10, JobStatus.FAILURE));

    List<Boolean> allCorrect =
        runConcurrently(
            i -> {
              boolean pass = i % 2 == 0;
              for (int round = 0; round < 200; round++) {
                if (!gate.evaluate(pass ? passing : failing).equals(pass)) {
                  return false;
                }
              }
              return true;
            });

    assertThat(allCorrect).containsOnly(true).hasSize(THREADS);
  }

  @Test
  void racingCompilationsOfOneTextCompileOnce() {
    CelPolicyEngine engine = new CelPolicyEngine();

    List<Compilation> results =
        runConcurrently(i -> engine.compile("size(change.labels) < 10", ResultType.BOOL));

    assertThat(results).allSatisfy(c -> assertThat(c).isSameAs(results.get(0)));
    assertThat(engine.compilations()).isEqualTo(1);
  }

  private interface Task<T> {
    T run(int thread) throws Exception;
  }

  private static <T> List<T> runConcurrently(Task<T> task) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          ExecutorService pool = Executors.newFixedThreadPool(THREADS);
          try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
              int thread = i;
              futures.add(pool.submit((Callable<T>) () -> task.run(thread)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
              results.add(future.get());
            }
            return results;
          } finally {
            pool.shutdownNow();
          }
        });
  }
}
