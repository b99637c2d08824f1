package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Evaluation;
import dev.ciorchestrator.policy.Expression;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Policy verdicts remembered across plans, keyed by exactly the inputs they read: the policy's name
 * and expressions and the bindings of the variables those expressions name. A change is planned
 * again whenever one of its runs moves, but a rule on its approvals or labels reads nothing a run
 * changes, so its verdict is taken from here instead of evaluated again.
 *
 * <p>Only verdicts of policies that read nothing but {@code change} and {@code repo} are kept:
 * {@code now} differs at every plan, and a {@code jobs} map changes with the very runs that cause
 * the re-plan while costing kilobytes per change to keep. Errors are never kept: a time limit hit
 * on a busy machine must not outlive the moment. Least recently used entries leave first. Safe for
 * use from several threads.
 */
public final class PolicyMemo {
  /** Enough for every policy of 10,000 open changes that reads the change only once or twice. */
  public static final int DEFAULT_CAPACITY = 20_000;

  private static final Set<String> KEPT = Set.of("change", "repo");

  private record Key(
      String policy,
      Expression match,
      Expression rule,
      Expression message,
      Map<String, Object> change,
      Map<String, Object> repo) {}

  private final int capacity;
  private final Map<Key, Evaluation> entries;

  /** A memo that remembers nothing: every verdict is evaluated. */
  public static PolicyMemo none() {
    return new PolicyMemo(0);
  }

  /**
   * @param capacity the most verdicts kept
   */
  public PolicyMemo(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Evaluation> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The verdict {@code policy} gave before on the same inputs, if kept. */
  synchronized Optional<Evaluation> recall(CompiledPolicy policy, Bindings bindings) {
    Key key = capacity == 0 ? null : key(policy, bindings);
    return key == null ? Optional.empty() : Optional.ofNullable(entries.get(key));
  }

  /** Keeps {@code evaluation} when its policy reads only what is kept, and it is a verdict. */
  synchronized void remember(CompiledPolicy policy, Bindings bindings, Evaluation evaluation) {
    Key key = capacity == 0 ? null : key(policy, bindings);
    if (key != null && evaluation.verdict() != Evaluation.Verdict.ERROR) {
      entries.put(key, evaluation);
    }
  }

  synchronized int size() {
    return entries.size();
  }

  private static Key key(CompiledPolicy p, Bindings bindings) {
    boolean change = false;
    boolean repo = false;
    for (Expression e : new Expression[] {p.match(), p.rule(), p.message()}) {
      if (e == null) {
        continue;
      }
      Set<String> read = e.variables();
      if (!KEPT.containsAll(read)) {
        return null;
      }
      change |= read.contains("change");
      repo |= read.contains("repo");
    }
    return new Key(
        p.policy().name(),
        p.match(),
        p.rule(),
        p.message(),
        change ? bindings.change() : null,
        repo ? bindings.repo() : null);
  }
}
