package dev.ciorchestrator.policy;

import java.util.Set;

/** A compiled, type-checked expression. Immutable and safe to evaluate from many threads. */
public interface Expression {
  String source();

  ResultType resultType();

  /**
   * The variables ({@code change}, {@code jobs}, {@code repo}, {@code now}) the expression reads.
   * An evaluation that ends in a verdict depends on these bindings and nothing else, so whoever
   * remembers a result may key it by exactly these. By default all of them.
   */
  default Set<String> variables() {
    return Bindings.VARIABLES;
  }

  /**
   * What of the bindings the expression reads, finer than {@link #variables()}: a variable's name
   * when it reads the whole value, {@code variable.field} when it only selects that field (or map
   * key) of it. An evaluation that ends in a verdict depends on these values and nothing else. By
   * default the whole of every variable it names.
   */
  default Set<String> reads() {
    return variables();
  }

  /**
   * Evaluates within the engine's bounds (iterations, depth, wall clock).
   *
   * @return a {@link Boolean} for {@link ResultType#BOOL}, a {@link String} for {@link
   *     ResultType#STRING}
   * @throws PolicyException on any runtime error or exceeded bound, with a message fit for a user
   */
  Object evaluate(Bindings bindings) throws PolicyException;
}
