package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A forge in memory that behaves like one: writes replace the change's {@link ForgeChange} (so the
 * loop sees news by identity), statuses live per SHA, and a merge is refused when the head moved.
 */
class FakeForge implements Forge {
  // concurrent: a test may open changes while a pass of the loop reads them
  final Map<Long, ForgeChange> changes = new ConcurrentSkipListMap<>();
  final Map<String, Map<String, CommitStatus>> statuses = new HashMap<>();
  final Map<String, String> branches = new TreeMap<>();
  final List<String> writes = new ArrayList<>();

  /** Notes by key, as a forge finds them again by their marker: one per key. */
  final Map<String, String> notes = new LinkedHashMap<>();

  MergeResult nextMerge;

  void open(ChangeState state) {
    changes.put(
        state.change().number(),
        new ForgeChange(state, List.of(), List.of(), state.change().labels(), Map.of(), ""));
  }

  @Override
  public String id() {
    return "local";
  }

  @Override
  public List<ForgeChange> openChanges(String repo) {
    return List.copyOf(changes.values());
  }

  @Override
  public Map<String, String> branches(String repo) {
    return Map.copyOf(branches);
  }

  @Override
  public void setStatus(String repo, String sha, CommitStatus status) {
    writes.add("status " + status.context() + "=" + status.state().wire());
    statuses.computeIfAbsent(sha, s -> new LinkedHashMap<>()).put(status.context(), status);
    changes.replaceAll(
        (n, c) ->
            c.state().change().headSha().equals(sha)
                ? new ForgeChange(
                    c.state(), c.answers(), c.notes(), c.labels(), statuses.get(sha), c.summary())
                : c);
  }

  @Override
  public void upsertSummary(String repo, long change, String body) {
    writes.add("summary #" + change);
    ForgeChange c = changes.get(change);
    if (c != null) {
      changes.put(
          change,
          new ForgeChange(c.state(), c.answers(), c.notes(), c.labels(), c.statuses(), body));
    }
  }

  @Override
  public void setLabel(String repo, long change, String label, boolean present) {
    writes.add((present ? "label +" : "label -") + label);
    ForgeChange c = changes.get(change);
    List<String> labels = new ArrayList<>(c.labels());
    labels.remove(label);
    if (present) {
      labels.add(label);
    }
    changes.put(
        change,
        new ForgeChange(c.state(), c.answers(), c.notes(), labels, c.statuses(), c.summary()));
  }

  @Override
  public void comment(String repo, long change, String key, String body) {
    writes.add("note #" + change + " " + key);
    notes.put(change + " " + key, body);
  }

  @Override
  public void acknowledge(String repo, long change, String requestId) {
    writes.add("ack " + requestId);
  }

  @Override
  public MergeResult merge(String repo, long change, String headSha, MergeMethod method) {
    writes.add("merge #" + change + " " + method.wire());
    if (nextMerge != null) {
      return nextMerge;
    }
    changes.remove(change);
    return MergeResult.merged("f".repeat(40), method.wire());
  }

  @Override
  public Path checkout(String repo) {
    return Path.of("/nonexistent/" + repo);
  }
}
