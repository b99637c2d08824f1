package dev.ciorchestrator.quality;

import dev.ciorchestrator.cache.CacheService;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunHooks;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.reports.ReportReader;
import dev.ciorchestrator.reports.ReportStore;
import dev.ciorchestrator.reports.RunReport;
import dev.ciorchestrator.reports.TestCase.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The local and container executors' work around a run: caches restored before it; after it, its
 * reports read (whatever its result: a failed run's reports matter most), flaky tests found against
 * the earlier attempts of the same head, and its caches saved if it succeeded.
 */
public final class QualityHooks implements RunHooks {
  private static final Logger LOG = Logger.getLogger(QualityHooks.class);

  private final CacheService caches;
  private final ReportReader reader;
  private final ReportStore reports;
  private final Map<String, List<CacheService.Planned>> restored = new ConcurrentHashMap<>();

  public QualityHooks(CacheService caches, ReportReader reader, ReportStore reports) {
    this.caches = caches;
    this.reader = reader;
    this.reports = reports;
  }

  @Override
  public void beforeRun(RunRecord running, RunSpec spec, Path workspace) {
    if (spec.job().quality().caches().isEmpty()) {
      return;
    }
    RunKey key = running.key();
    var scope = CacheService.scope(key, spec.trustedAuthor());
    restored.put(running.id(), caches.restore(key, spec.job(), scope, workspace));
  }

  @Override
  public RunResults afterRun(RunRecord running, RunSpec spec, Path workspace, RunState state) {
    RunResults results = RunResults.NONE;
    if (!spec.job().quality().reports().isEmpty()) {
      RunReport report = reader.read(workspace, spec.job().quality().reports());
      results = report.results(flaky(running.key(), report));
      try {
        reports.put(running.id(), report);
      } catch (IOException e) {
        LOG.warnf("run %s: cannot store its report: %s", running.id(), e.getMessage());
      }
    }
    List<CacheService.Planned> planned = restored.remove(running.id());
    if (planned != null && state == RunState.SUCCESS) {
      caches.save(running.key(), planned, workspace);
    }
    return results;
  }

  /** Tests that failed on an earlier attempt of this head and passed on this one. */
  List<String> flaky(RunKey key, RunReport now) {
    if (key.attempt() <= 1 || !now.junit()) {
      return List.of();
    }
    Set<String> failedBefore = new HashSet<>();
    for (int attempt = 1; attempt < key.attempt(); attempt++) {
      try {
        reports
            .get(key.withAttempt(attempt).id())
            .ifPresent(r -> failedBefore.addAll(r.ids(Result.FAILED)));
      } catch (IOException | RuntimeException e) {
        LOG.warnf("run %s: cannot read attempt %d's report: %s", key.id(), attempt, e.getMessage());
      }
    }
    return now.ids(Result.PASSED).stream()
        .filter(failedBefore::contains)
        .distinct()
        .limit(RunResults.HIGHLIGHTS)
        .toList();
  }
}
