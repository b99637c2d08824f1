package dev.ciorchestrator.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.ResultType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The warm-up evaluation runs before an engine's first evaluation, not when it is built: a process
 * that only compiles (a config load, {@code validate}) never pays for it.
 */
class WarmUpTest {
  private static final String GATE =
      "jobs.all(j, !jobs[j].required || jobs[j].status == 'success')";

  @Test
  void compilingAloneNeverWarmsUp() {
    CelPolicyEngine engine = new CelPolicyEngine();
    Fixtures.compiled(engine, GATE, ResultType.BOOL);
    Fixtures.problems(engine, "change.aprovals > 1", ResultType.BOOL);

    assertThat(engine.warmedUp()).isFalse();
  }

  @Test
  void theFirstEvaluationWarmsUpThenEvaluatesItsOwnRule() throws Exception {
    CelPolicyEngine engine = new CelPolicyEngine();
    Expression gate = Fixtures.compiled(engine, GATE, ResultType.BOOL);

    Object result =
        gate.evaluate(Fixtures.bindings(Fixtures.change(), Fixtures.jobs(3, JobStatus.FAILURE)));

    assertThat(result).isEqualTo(false);
    assertThat(engine.warmedUp()).isTrue();
  }

  @Test
  void threadsThatEvaluateFirstTogetherEachGetTheirOwnResult() throws Exception {
    // A generous limit: a loaded CI machine must not turn this into a timing test.
    CelPolicyEngine engine =
        new CelPolicyEngine(CelLimits.DEFAULT.withTimeLimit(Duration.ofSeconds(10)));
    Expression gate = Fixtures.compiled(engine, GATE, ResultType.BOOL);
    Bindings passing = Fixtures.bindings(Fixtures.change(), Fixtures.jobs(5, JobStatus.SUCCESS));
    Bindings failing = Fixtures.bindings(Fixtures.change(), Fixtures.jobs(5, JobStatus.FAILURE));
    int threads = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Bindings bindings = i % 2 == 0 ? passing : failing;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return gate.evaluate(bindings);
                }));
      }
      start.countDown();
      for (int i = 0; i < threads; i++) {
        assertThat(results.get(i).get(120, TimeUnit.SECONDS)).isEqualTo(i % 2 == 0);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(engine.warmedUp()).isTrue();
  }
}
