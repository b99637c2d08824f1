package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results of one plan's expressions, keyed by exactly the values each reads ({@link
 * Expression#reads()}). Thousands of changes share the few values a rule looks at — {@code
 * change.draft}, {@code change.labels}, the author — so a {@code when} or a policy is evaluated
 * once per distinct input instead of once per change. Lives for one plan (its {@code now} is one
 * value), shared by the plan's threads.
 *
 * <p>Errors are never kept: a time limit hit on a busy machine must not decide other changes. Each
 * expression keeps at most {@link #PER_EXPRESSION} results, so a rule reading the whole {@code
 * jobs} map of 10,000 different changes does not hold them all.
 */
public final class ExpressionMemo {
  static final int PER_EXPRESSION = 1_000;

  private final Map<Expression, Expression> memoized = new ConcurrentHashMap<>();
  private final boolean enabled;

  private ExpressionMemo(boolean enabled) {
    this.enabled = enabled;
  }

  /** A memo for one plan. */
  public static ExpressionMemo forPlan() {
    return new ExpressionMemo(true);
  }

  /** Evaluates everything: for comparing a plan with and without the memo. */
  public static ExpressionMemo none() {
    return new ExpressionMemo(false);
  }

  /** {@code expression}, answering from this memo where it can; null stays null. */
  Expression of(Expression expression) {
    if (!enabled || expression == null) {
      return expression;
    }
    return memoized.computeIfAbsent(expression, Memoized::new);
  }

  private static final class Memoized implements Expression {
    private final Expression expression;
    private final String[][] reads;
    private final Map<List<Object>, Object> results = new ConcurrentHashMap<>();

    Memoized(Expression expression) {
      this.expression = expression;
      this.reads =
          expression.reads().stream().sorted().map(r -> r.split("\\.", 2)).toArray(String[][]::new);
    }

    @Override
    public String source() {
      return expression.source();
    }

    @Override
    public ResultType resultType() {
      return expression.resultType();
    }

    @Override
    public Set<String> variables() {
      return expression.variables();
    }

    @Override
    public Set<String> reads() {
      return expression.reads();
    }

    @Override
    public Object evaluate(Bindings bindings) throws PolicyException {
      List<Object> key = key(bindings);
      Object result = results.get(key);
      if (result == null) {
        result = expression.evaluate(bindings);
        if (results.size() < PER_EXPRESSION) {
          results.put(key, result);
        }
      }
      return result;
    }

    /** The values read, in {@link #reads} order. */
    private List<Object> key(Bindings bindings) {
      List<Object> key = new ArrayList<>(reads.length);
      for (String[] read : reads) {
        Object value = value(bindings, read[0]);
        if (read.length == 2) {
          value = value instanceof Map<?, ?> map ? map.get(read[1]) : null;
        }
        // A missing field is read as "absent" (has(...)), which is a value of its own.
        key.add(value == null ? Absent.VALUE : value);
      }
      return key;
    }

    private static Object value(Bindings bindings, String variable) {
      return switch (variable) {
        case "change" -> bindings.change();
        case "jobs" -> bindings.jobs();
        case "repo" -> bindings.repo();
        case "now" -> bindings.now();
        default -> null;
      };
    }

    @Override
    public String toString() {
      return expression + " (memoized by " + Arrays.deepToString(reads) + ")";
    }
  }

  private enum Absent {
    VALUE
  }
}
