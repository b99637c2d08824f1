package dev.ciorchestrator.policy.cel;

import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.PolicyEngine;
import dev.ciorchestrator.policy.ResultType;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link PolicyEngine} on cel-java: the variables, library and bounds of DESIGN.md, and a cache
 * by (text, result type) so a new config revision compiles only expressions whose text changed. The
 * cache keeps the {@link CelLimits#maxCachedExpressions() most recently used} results. Thread-safe.
 */
public final class CelPolicyEngine implements PolicyEngine {
  private final CelLimits limits;
  private final ExpressionCompiler compiler;
  private final CompileCache<Key, Compilation> cache;
  private final AtomicLong compilations = new AtomicLong();

  private record Key(String source, ResultType expected) {}

  /** An engine with {@link CelLimits#DEFAULT}. */
  public CelPolicyEngine() {
    this(CelLimits.DEFAULT);
  }

  public CelPolicyEngine(CelLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.compiler = new ExpressionCompiler(limits);
    this.cache = new CompileCache<>(limits.maxCachedExpressions(), this::compileUncached);
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

  /** Whether an evaluation has warmed the runtime up ({@link WarmUp}), for tests. */
  boolean warmedUp() {
    return compiler.warmedUp();
  }

  public CelLimits limits() {
    return limits;
  }

  private Compilation compileUncached(Key key) {
    compilations.incrementAndGet();
    return compiler.compile(key.source(), key.expected());
  }
}
