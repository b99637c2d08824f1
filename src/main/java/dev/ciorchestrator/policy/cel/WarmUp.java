package dev.ciorchestrator.policy.cel;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Bindings.JobView;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The first compile and the first evaluation in a JVM load and link much of cel-java, which alone
 * can take longer than the time limit. An engine compiles a small expression when it is built,
 * which builds cel-java's compiler and runtime (both deferred to their first use) on the engine's
 * build thread. It compiles and evaluates the warm-up expression, which touches every library,
 * once, untimed, just before its first evaluation rather than inside the first rule a user sees.
 * Not when it is built: a process that only compiles ({@code validate}, a config load) never
 * evaluates, and a fresh JVM's first load is the start of the service and of every command
 * (docs/benchmarks.md, "Config sync").
 */
final class WarmUp {
  private static final String PRIME = "change.number > 0";

  // Touches field selection, comprehensions, regexes, timestamps and each extension library.
  private static final String EXPRESSION =
      """
      size(change.approvals) >= 0 && !('hold' in change.labels)
      && jobs.all(j, !jobs[j].required || jobs[j].status == 'success')
      && !change.files.exists(f, f.matches('^docs/') && f.split('/').size() > 9)
      && now - change.createdAt >= duration('0s') && has(repo.name)
      && sets.contains([1], [1]) && math.greatest(1, 2) == 2 && lists.range(2).size() == 2
      && optional.of(change.title).hasValue() && regex.extract('ab', 'b').hasValue()
      """;

  private final ExpressionCompiler compiler;
  private volatile boolean done;
  private boolean started; // guarded by this

  WarmUp(ExpressionCompiler compiler) {
    this.compiler = compiler;
  }

  // Built when evaluated, not with the class: building bindings hashes records, whose first
  // hashCode in a JVM links a call site, and an engine that only compiles never needs them.
  private static Bindings sample() {
    return Bindings.of(
        new Change(
            "demo/warm-up",
            1,
            "warm up",
            "alice",
            false,
            List.of("lgtm"),
            List.of("bob"),
            "main",
            "",
            "topic",
            "",
            List.of("docs/readme.md", "main.go"),
            true,
            Instant.EPOCH,
            Instant.EPOCH),
        Map.of("build", new JobView(JobStatus.SUCCESS, true)),
        "demo/warm-up",
        "main",
        Instant.EPOCH.plusSeconds(60));
  }

  /** Builds cel-java's compiler and runtime now, outside the cache. */
  void prime() {
    compiled(PRIME);
  }

  /**
   * Runs the warm-up if no evaluation of this engine did yet. Threads that come meanwhile wait for
   * it; the warm-up's own evaluation, on the same thread, passes through.
   */
  void beforeEvaluation() {
    if (done) {
      return;
    }
    synchronized (this) {
      if (started) {
        return;
      }
      started = true;
      try {
        evaluate();
      } finally {
        done = true;
      }
    }
  }

  private CelExpression compiled(String source) {
    Compilation compilation = compiler.compile(source, ResultType.BOOL);
    if (!(compilation instanceof Compilation.Compiled compiled)) {
      throw new IllegalStateException("warm-up expression does not compile: " + compilation);
    }
    return (CelExpression) compiled.expression();
  }

  /** Whether an evaluation has run the warm-up, for tests. */
  boolean done() {
    return done;
  }

  /** Compiles outside the cache, and evaluates with no time limit that a cold JVM could breach. */
  private void evaluate() {
    try {
      Object result = compiled(EXPRESSION).withTimeLimit(Duration.ofMinutes(1)).evaluate(sample());
      if (!Boolean.TRUE.equals(result)) {
        throw new IllegalStateException("warm-up expression is not true: " + result);
      }
    } catch (PolicyException e) {
      throw new IllegalStateException("warm-up expression does not evaluate", e);
    }
  }
}
