package dev.ciorchestrator.policy.cel;

import com.google.common.util.concurrent.Uninterruptibles;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.PolicyEngine;
import dev.ciorchestrator.policy.ResultType;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link PolicyEngine} on cel-java: the variables, library and bounds of DESIGN.md, and a cache
 * by (text, result type) so a new config revision compiles only expressions whose text changed. The
 * cache keeps the {@link CelLimits#maxCachedExpressions() most recently used} results. Thread-safe.
 *
 * <p>Building cel-java's environment is most of what a fresh JVM's first config load does before it
 * compiles (docs/benchmarks.md, "Config sync"), so the constructor starts it on a thread of its own
 * and returns: the caller reads and parses its files meanwhile, and the first {@link #compile}
 * waits for it.
 */
public final class CelPolicyEngine implements PolicyEngine {
  private final CelLimits limits;
  private final FutureTask<ExpressionCompiler> compiler;
  private final CompileCache<Key, Compilation> cache;
  private final AtomicLong compilations = new AtomicLong();

  private record Key(String source, ResultType expected) {}

  /** An engine with {@link CelLimits#DEFAULT}. */
  public CelPolicyEngine() {
    this(CelLimits.DEFAULT);
  }

  public CelPolicyEngine(CelLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.compiler = new FutureTask<>(() -> new ExpressionCompiler(limits));
    this.cache = new CompileCache<>(limits.maxCachedExpressions(), this::compileUncached);
    Thread builder = new Thread(compiler, "cel-engine-build");
    builder.setDaemon(true);
    builder.start();
  }

  /**
   * Compiles once per distinct (text, type) while it stays cached; invalid results are cached as
   * well.
   */
  @Override
  public Compilation compile(String source, ResultType expected) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(expected, "expected");
    return cache.get(new Key(source, expected));
  }

  /** How many times an expression was actually compiled (cache misses) since construction. */
  public long compilations() {
    return compilations.get();
  }

  public CelLimits limits() {
    return limits;
  }

  /** Whether an evaluation has warmed the runtime up ({@link WarmUp}), for tests. */
  boolean warmedUp() {
    return compiler().warmedUp();
  }

  private Compilation compileUncached(Key key) {
    compilations.incrementAndGet();
    return compiler().compile(key.source(), key.expected());
  }

  // Building takes under a second: an interrupt waits for it and stays set for the caller.
  private ExpressionCompiler compiler() {
    try {
      return Uninterruptibles.getUninterruptibly(compiler);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("the CEL environment could not be built", e.getCause());
    }
  }
}
