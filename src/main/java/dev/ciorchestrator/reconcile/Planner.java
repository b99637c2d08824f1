package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides, for every open change, which runs to start or abort, which requests to acknowledge,
 * whether the change is trusted and whether its gate passes, each with its reason. A pure function
 * in the java-operator-sdk sense of {@code desired(primary, ctx)}: no I/O, no clock, no randomness;
 * the same inputs give the same plan in the same order. Only the ActionExecutor acts on it.
 */
public final class Planner {
  static final String NOT_CONFIGURED = "repository not configured";
  private static final String REPOSITORY = "repository";
  private static final Comparator<ChangeState> ORDER =
      Comparator.comparing((ChangeState s) -> s.change().repo())
          .thenComparingLong(s -> s.change().number());

  private Planner() {}

  /**
   * @param changes the open changes; their order does not matter
   * @param runs every known run record; runs of changes not in {@code changes} are ignored
   * @param now the time the CEL {@code now} variable shows
   */
  public static Plan plan(
      ConfigSnapshot snapshot, List<ChangeState> changes, List<RunRecord> runs, Instant now) {
    return plan(snapshot, changes, runs, now, PolicyObserver.NONE);
  }

  /**
   * As {@link #plan(ConfigSnapshot, List, List, Instant)}, telling {@code observer} of every policy
   * evaluation.
   */
  public static Plan plan(
      ConfigSnapshot snapshot,
      List<ChangeState> changes,
      List<RunRecord> runs,
      Instant now,
      PolicyObserver observer) {
    return plan(snapshot, changes, runs, now, observer, PlanRules.DEFAULT);
  }

  /** As above, with the deployment's {@code rules} instead of the defaults. */
  public static Plan plan(
      ConfigSnapshot snapshot,
      List<ChangeState> changes,
      List<RunRecord> runs,
      Instant now,
      PolicyObserver observer,
      PlanRules rules) {
    return plan(snapshot, changes, runs, now, observer, rules, ExtraGates.NONE);
  }

  /** As above, every gate also deciding {@code extraGates} of its change. */
  public static Plan plan(
      ConfigSnapshot snapshot,
      List<ChangeState> changes,
      List<RunRecord> runs,
      Instant now,
      PolicyObserver observer,
      PlanRules rules,
      ExtraGates extraGates) {
    return plan(snapshot, changes, runs, now, observer, rules, extraGates, PolicyMemo.none());
  }

  /**
   * As above, taking verdicts from {@code memo} where a policy's inputs are the same as when it
   * last decided, and leaving new ones there: the plan is the same as without it.
   */
  public static Plan plan(
      ConfigSnapshot snapshot,
      List<ChangeState> changes,
      List<RunRecord> runs,
      Instant now,
      PolicyObserver observer,
      PlanRules rules,
      ExtraGates extraGates,
      PolicyMemo memo) {
    return plan(
        snapshot,
        changes,
        runs,
        now,
        new Options(observer, rules, extraGates, memo, true, ExpressionMemo.forPlan()));
  }

  /**
   * How to plan. {@code parallel} and {@code expressions} change how fast, never what: tests plan
   * the same inputs both ways and compare.
   */
  public record Options(
      PolicyObserver observer,
      PlanRules rules,
      ExtraGates extraGates,
      PolicyMemo memo,
      boolean parallel,
      ExpressionMemo expressions) {}

  /** As above, the way {@code options} say. */
  public static Plan plan(
      ConfigSnapshot snapshot,
      List<ChangeState> changes,
      List<RunRecord> runs,
      Instant now,
      Options options) {
    PolicyMemo memo = options.memo();
    ExtraGates extraGates = options.extraGates();
    PlanRules rules = options.rules();
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(memo, "memo");
    Objects.requireNonNull(extraGates, "extraGates");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(now, "now");
    RepoContexts repos =
        new RepoContexts(snapshot, options.observer(), memo, options.expressions());
    Map<ChangeKey, List<RunRecord>> runsByChange = byChange(runs);
    List<ChangeState> sorted = changes.stream().sorted(ORDER).toList();
    return new Plan(
        PlanPool.map(
            sorted,
            options.parallel(),
            state -> {
              List<RunRecord> own = runsByChange.getOrDefault(ChangeKey.of(state), List.of());
              return repos
                  .get(state.change().repo())
                  .map(
                      repo ->
                          new ChangePlanner(
                                  repo, state, own, now, rules, extraGates.of(state.change()))
                              .plan())
                  .orElseGet(() -> notConfigured(state));
            }));
  }

  /**
   * Runs of changes that are no longer open (merged or closed) but still hold an executor slot:
   * nobody will read their result, so they are aborted.
   *
   * @param open the numbers of every open change of {@code repo}
   * @param runs the repository's runs
   */
  public static List<Action> orphans(String repo, Set<Long> open, List<RunRecord> runs) {
    return runs.stream()
        .filter(r -> r.key().repo().equals(repo) && r.key().change() > 0)
        .filter(r -> !r.state().terminal() && !open.contains(r.key().change()))
        .sorted(Comparator.comparing(RunRecord::id))
        .<Action>map(
            r -> new Action.AbortRun(r.id(), "change #" + r.key().change() + " is no longer open"))
        .toList();
  }

  /** One pass over the runs, so planning stays linear in changes plus runs. */
  private static Map<ChangeKey, List<RunRecord>> byChange(List<RunRecord> runs) {
    Map<ChangeKey, List<RunRecord>> index = new HashMap<>();
    for (RunRecord run : runs) {
      if (run.key().change() > 0) {
        index
            .computeIfAbsent(
                new ChangeKey(run.key().repo(), run.key().change()), k -> new ArrayList<>())
            .add(run);
      }
    }
    return index;
  }

  /**
   * A change of a repository the config does not name starts and aborts nothing; its requests are
   * still acknowledged, so the author learns why nothing happened.
   */
  private static ChangePlan notConfigured(ChangeState state) {
    Decision no = Decision.fail(REPOSITORY, NOT_CONFIGURED);
    List<Action> acks =
        state.requests().stream()
            .<Action>map(
                r ->
                    new Action.AcknowledgeRequest(
                        state.change().repo(),
                        state.change().number(),
                        new Answer(
                            r.id(),
                            r.command(),
                            r.by(),
                            r.at(),
                            Answer.Outcome.REFUSED,
                            NOT_CONFIGURED)))
            .toList();
    return new ChangePlan(state.change(), no, List.of(), acks, GateDecision.of(List.of(no)));
  }

  private record ChangeKey(String repo, long number) {
    static ChangeKey of(ChangeState state) {
      return new ChangeKey(state.change().repo(), state.change().number());
    }
  }
}
