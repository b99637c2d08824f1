package dev.ciorchestrator.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A new config revision recompiles only the expressions whose text changed, and a long-running
 * engine keeps only the most recently used ones.
 */
class CompileCacheTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  private final CelPolicyEngine engine = new CelPolicyEngine();

  @Test
  void compilesEachDistinctTextOnce() {
    Compilation first = engine.compile("size(change.approvals) >= 2", ResultType.BOOL);
    Compilation again = engine.compile("size(change.approvals) >= 2", ResultType.BOOL);

    assertThat(again).isSameAs(first);
    assertThat(engine.compilations()).isEqualTo(1);
  }

  @Test
  void aNewRevisionRecompilesOnlyWhatChanged() {
    List<String> revision1 = List.of("!change.draft", "size(change.approvals) >= 2", "true");
    List<String> revision2 = List.of("!change.draft", "size(change.approvals) >= 1", "true");

    revision1.forEach(rule -> engine.compile(rule, ResultType.BOOL));
    long afterFirst = engine.compilations();
    revision2.forEach(rule -> engine.compile(rule, ResultType.BOOL));

    assertThat(afterFirst).isEqualTo(3);
    assertThat(engine.compilations()).isEqualTo(4);
  }

  @Test
  void cachesInvalidResultsToo() {
    Compilation first = engine.compile("change.titel == ''", ResultType.BOOL);
    Compilation again = engine.compile("change.titel == ''", ResultType.BOOL);

    assertThat(first).isInstanceOf(Compilation.Invalid.class);
    assertThat(again).isSameAs(first);
    assertThat(engine.compilations()).isEqualTo(1);
  }

  @Test
  void theSameTextIsCompiledOncePerResultType() {
    Compilation asBool = engine.compile("change.title", ResultType.BOOL);
    Compilation asString = engine.compile("change.title", ResultType.STRING);

    assertThat(asBool).isInstanceOf(Compilation.Invalid.class);
    assertThat(asString).isInstanceOf(Compilation.Compiled.class);
    assertThat(engine.compilations()).isEqualTo(2);
  }

  @Test
  void warmingUpIsNotCountedAsACompilation() {
    assertThat(new CelPolicyEngine().compilations()).isZero();
  }

  @Test
  void beyondTheBoundTheLeastRecentlyUsedIsEvictedAndRecompiledOnDemand() {
    CelPolicyEngine small = new CelPolicyEngine(CelLimits.DEFAULT.withMaxCachedExpressions(2));
    Compilation a = small.compile("change.number == 1", ResultType.BOOL);
    small.compile("change.number == 2", ResultType.BOOL);
    // Using the first text again makes the second the least recently used.
    assertThat(small.compile("change.number == 1", ResultType.BOOL)).isSameAs(a);

    small.compile("change.number == 3", ResultType.BOOL);
    assertThat(small.compilations()).isEqualTo(3);

    assertThat(small.compile("change.number == 1", ResultType.BOOL)).isSameAs(a);
    assertThat(small.compile("change.number == 3", ResultType.BOOL)).isNotNull();
    assertThat(small.compilations()).isEqualTo(3);

    small.compile("change.number == 2", ResultType.BOOL);
    assertThat(small.compilations()).isEqualTo(4);
  }

  @Test
  void anEvictedExpressionStillEvaluatesForWhoeverHoldsIt() throws PolicyException {
    CelPolicyEngine small = new CelPolicyEngine(CelLimits.DEFAULT.withMaxCachedExpressions(1));
    Expression held = Fixtures.compiled(small, "change.number == 42", ResultType.BOOL);

    small.compile("change.number == 7", ResultType.BOOL);

    assertThat(held.evaluate(Fixtures.bindings())).isEqualTo(true);
    assertThat(Fixtures.compiled(small, "change.number == 42", ResultType.BOOL)).isNotSameAs(held);
    assertThat(small.compilations()).isEqualTo(3);
  }

  @Test
  void theDefaultBoundIsTenThousandExpressions() {
    assertThat(CelLimits.DEFAULT.maxCachedExpressions()).isEqualTo(10_000);
    assertThatThrownBy(() -> CelLimits.DEFAULT.withMaxCachedExpressions(0))
        .hasMessage("maxCachedExpressions must be positive: 0");
  }

  @Test
  void aCallerOfAKeyBeingComputedWaitsForItWhileOtherKeysGoAhead() {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger slowComputations = new AtomicInteger();
    CompileCache<String, String> cache =
        new CompileCache<>(
            10,
            key -> {
              if (key.equals("slow")) {
                slowComputations.incrementAndGet();
                started.countDown();
                await(release);
              }
              return key.toUpperCase();
            });

    assertTimeoutPreemptively(
        HANG_GUARD,
        () -> {
          CompletableFuture<String> first = new CompletableFuture<>();
          CompletableFuture<String> second = new CompletableFuture<>();
          new Thread(() -> first.complete(cache.get("slow"))).start();
          started.await();
          Thread waiter = new Thread(() -> second.complete(cache.get("slow")));
          waiter.start();

          assertThat(cache.get("fast")).isEqualTo("FAST");
          // Parked in join(): it found the entry being computed and waits for it.
          while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
          }
          release.countDown();

          assertThat(first.join()).isEqualTo("SLOW");
          assertThat(second.join()).isEqualTo("SLOW");
          assertThat(slowComputations).hasValue(1);
        });
  }

  @Test
  void aFailedComputationIsNotKept() {
    AtomicInteger calls = new AtomicInteger();
    CompileCache<String, String> cache =
        new CompileCache<>(
            10,
            key -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
              }
              return key;
            });

    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(IllegalStateException.class);
    assertThat(cache.get("k")).isEqualTo("k");
    assertThat(cache.size()).isEqualTo(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
