package dev.ciorchestrator.reconcile.queue;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.forge.BatchBuild;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.reconcile.Action;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.RepoPass;
import dev.ciorchestrator.reconcile.queue.QueueState.Built;
import dev.ciorchestrator.reconcile.queue.QueueState.Entry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Carries out one branch's {@link QueuePlan} through the forge, in plan order; it only acts. A
 * batch built here is recorded in the state it returns, so the caller plans again with the batch's
 * commit known.
 */
final class QueueActions {
  private static final Logger LOG = Logger.getLogger(QueueActions.class);

  private final RepoPass pass;
  private final String branch;
  private final LoopMetrics loopMetrics;
  private final QueueMetrics metrics;

  QueueActions(RepoPass pass, String branch, LoopMetrics loopMetrics, QueueMetrics metrics) {
    this.pass = pass;
    this.branch = branch;
    this.loopMetrics = loopMetrics;
    this.metrics = metrics;
  }

  /** Executes every action; returns the plan's state with the batches built on the way. */
  QueueState execute(QueuePlan plan) throws IOException {
    QueueState state = plan.state();
    String repo = pass.repository().name();
    for (QueueAction action : plan.actions()) {
      if (action instanceof QueueAction.Build b) {
        state = state.withBuilt(build(b));
      } else if (action instanceof QueueAction.Run r) {
        pass.execute(List.of(r.action()));
      } else if (action instanceof QueueAction.Merge m) {
        land(m, plan.state().entries());
      } else if (action instanceof QueueAction.Reject r) {
        String note =
            "Removed from the merge queue: " + r.reason() + ". Push a fix to queue again.";
        pass.execute(
            List.of(
                new Action.Comment(
                    repo, r.change(), "queue-removed@" + r.headSha(), note, r.reason())));
        LOG.infof("%s#%d removed from the %s queue: %s", repo, r.change(), branch, r.reason());
      } else if (action instanceof QueueAction.DropRef d) {
        pass.forge().dropBatch(repo, branch, d.number());
      }
    }
    return state;
  }

  private Built build(QueueAction.Build b) throws IOException {
    BatchBuild built = pass.forge().buildBatch(pass.repository().name(), b.batch(), b.number());
    metrics.batch(pass.repository().name(), branch, b.batch().members().size());
    if (built.conflicted()) {
      return Built.conflict(b.batch().id(), b.number(), built.conflictChange(), built.conflict());
    }
    LOG.infof("%s: %s as %s", pass.repository().name(), b.reason(), built.ref());
    return Built.commit(b.batch().id(), b.number(), built.commitSha());
  }

  /**
   * A green batch lands whole by fast-forward, or change by change, each onto the tip the one
   * before left; the first refusal stops it, and the next pass sees a moved base and tests again.
   */
  private void land(QueueAction.Merge m, List<Entry> entries) throws IOException {
    String repo = pass.repository().name();
    BatchKey batch = m.batch();
    Map<Long, Entry> entered =
        entries.stream().collect(Collectors.toMap(Entry::change, Function.identity()));
    if (m.method() == MergeMethod.FAST_FORWARD) {
      MergeResult result = pass.forge().fastForwardBatch(repo, batch, m.commitSha());
      for (BatchKey.Member member : batch.members()) {
        landed(member, result, entered.get(member.change()));
      }
      return;
    }
    String expected = batch.baseSha();
    for (BatchKey.Member member : batch.members()) {
      MergeResult result =
          pass.forge()
              .mergeOnto(repo, member.change(), member.headSha(), m.method(), branch, expected);
      landed(member, result, entered.get(member.change()));
      if (!result.merged()) {
        return;
      }
      expected = result.sha();
    }
  }

  private void landed(BatchKey.Member member, MergeResult result, Entry entry) throws IOException {
    String repo = pass.repository().name();
    loopMetrics.merged(repo, result);
    if (!result.merged()) {
      LOG.warnf("%s#%d not merged from the queue: %s", repo, member.change(), result.reason());
      String key = "not-merged@" + member.headSha() + "@" + branch;
      String note = "Not merged: " + result.reason();
      pass.execute(
          List.of(
              new Action.Comment(
                  repo, member.change(), key, note, "the forge refused the queue's merge")));
      return;
    }
    LOG.infof("%s#%d merged from the %s queue: %s", repo, member.change(), branch, result.reason());
    opened(member.change()).ifPresent(at -> loopMetrics.changeMerged(repo, at));
    if (entry != null) {
      metrics.merged(repo, branch, Duration.between(entry.enteredAt(), pass.now()));
    }
  }

  private java.util.Optional<java.time.Instant> opened(long change) {
    return pass.open().stream()
        .filter(fc -> fc.number() == change)
        .findFirst()
        .map(ForgeChange::state)
        .map(s -> s.change().createdAt());
  }
}
