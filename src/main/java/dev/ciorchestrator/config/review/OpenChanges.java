package dev.ciorchestrator.config.review;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.reconcile.RepoPass;
import dev.ciorchestrator.reconcile.impact.Impact;
import dev.ciorchestrator.reconcile.impact.ImpactDryRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The open changes and runs of every repository as its last pass listed them: what the impact of a
 * config change is computed over. Holds the passes' own lists (no copies), and only for the
 * repositories the running config still names.
 */
final class OpenChanges {
  private record Listing(List<ForgeChange> open, List<RunRecord> runs) {}

  private final Map<String, Listing> byRepo = new ConcurrentHashMap<>();

  void seen(RepoPass pass) {
    byRepo.put(pass.repository().name(), new Listing(pass.open(), pass.runs()));
    Set<String> configured =
        pass.snapshot().repositories().stream().map(Repository::name).collect(Collectors.toSet());
    byRepo.keySet().retainAll(configured);
  }

  Set<String> repositories() {
    return Set.copyOf(byRepo.keySet());
  }

  /** The dry run of the pure planner over these changes, under both configs. */
  Impact impact(ConfigSnapshot running, ConfigSnapshot after, Instant now) {
    List<ChangeState> changes = new ArrayList<>();
    List<RunRecord> runs = new ArrayList<>();
    for (Listing l : byRepo.values()) {
      l.open().forEach(fc -> changes.add(fc.state()));
      runs.addAll(l.runs());
    }
    return ImpactDryRun.compare(running, after, changes, runs, now);
  }
}
