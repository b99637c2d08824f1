package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Actions as short strings, so a table row can say {@code "start go-test#2 command by carol"}
 * instead of spelling out run ids, which are hashes. Reasons are checked by dedicated tests.
 */
final class Rendered {
  private Rendered() {}

  static List<String> actions(List<Action> actions, List<RunRecord> runs) {
    Map<String, RunKey> keys =
        runs.stream().collect(Collectors.toMap(RunRecord::id, RunRecord::key, (a, b) -> a));
    return actions.stream().map(a -> render(a, keys)).toList();
  }

  private static String render(Action action, Map<String, RunKey> keys) {
    if (action instanceof Action.StartRun s) {
      return "start %s#%d %s by %s"
          .formatted(s.key().job(), s.key().attempt(), s.trigger().wire(), s.causedBy());
    }
    if (action instanceof Action.AbortRun r) {
      return "abort " + key(keys.get(r.runId()));
    }
    if (action instanceof Action.AcknowledgeRequest ack) {
      return "ack " + ack.requestId();
    }
    if (action instanceof Action.Merge m) {
      return "merge " + m.method().wire();
    }
    return "require-ok-to-test";
  }

  private static String key(RunKey key) {
    String sha = key.sha().equals(Fixture.HEAD) ? "head" : "old";
    return key.job() + "@" + sha + "#" + key.attempt();
  }
}
