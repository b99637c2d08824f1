package dev.ciorchestrator.quality;

import dev.ciorchestrator.cache.CacheService;
import dev.ciorchestrator.config.model.JobQuality;
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
import org.jboss.logging.Logger;

/**
 * The local and container executors' work around a run: caches restored before it; after it, its
 * reports read (whatever its result: a failed run's reports matter most), flaky tests found against
 * the earlier attempts of the same head, and its caches saved if it succeeded. The same for a run
 * adopted after a restart, from what was kept when it started ({@link InFlight}).
 */
public final class QualityHooks implements RunHooks {
  private static final Logger LOG = Logger.getLogger(QualityHooks.class);

  private final CacheService caches;
  private final ReportReader reader;
  private final ReportStore reports;
  private final InFlight inFlight;
  private final Map<String, String> runEnv;

  /**
   * @param inFlight where each running run's reports and cache keys are kept until it ends, for an
   *     orchestrator that adopts it after a restart
   */
  public QualityHooks(CacheService caches, ReportReader reader, ReportStore reports, Path inFlight)
      throws IOException {
    this(caches, reader, reports, inFlight, Map.of());
  }

  /**
   * @param runEnv what every run gets from the deployment for the recipes' tools ({@code
   *     GOVULNDB}), under its own variables
   */
  public QualityHooks(
      CacheService caches,
      ReportReader reader,
      ReportStore reports,
      Path inFlight,
      Map<String, String> runEnv)
      throws IOException {
    this.caches = caches;
    this.reader = reader;
    this.reports = reports;
    this.inFlight = new InFlight(inFlight);
    this.runEnv = Map.copyOf(runEnv);
  }

  @Override
  public Map<String, String> env() {
    return runEnv;
  }

  @Override
  public void beforeRun(RunRecord running, RunSpec spec, Path workspace) {
    JobQuality quality = spec.job().quality();
    if (quality.caches().isEmpty() && quality.reports().isEmpty()) {
      return;
    }
    List<CacheService.Planned> planned = List.of();
    if (!quality.caches().isEmpty()) {
      RunKey key = running.key();
      var scope = CacheService.scope(key, spec.trustedAuthor());
      planned = caches.restore(key, spec.job(), scope, workspace);
    }
    inFlight.put(running.id(), new InFlight.Plan(quality.reports(), planned));
  }

  @Override
  public RunResults afterRun(RunRecord running, RunSpec spec, Path workspace, RunState state) {
    // the job's reports even without a plan: a run whose beforeRun failed still has them
    InFlight.Plan plan =
        inFlight
            .take(running.id())
            .orElse(new InFlight.Plan(spec.job().quality().reports(), List.of()));
    return after(running, plan, workspace, state);
  }

  @Override
  public RunResults afterAdoptedRun(RunRecord running, Path workspace, RunState state) {
    return inFlight
        .take(running.id())
        .map(plan -> after(running, plan, workspace, state))
        .orElse(RunResults.NONE);
  }

  private RunResults after(RunRecord running, InFlight.Plan plan, Path workspace, RunState state) {
    RunResults results = RunResults.NONE;
    if (!plan.reports().isEmpty()) {
      RunReport report = reader.read(workspace, plan.reports());
      results = report.results(flaky(running.key(), report));
      try {
        reports.put(running.id(), report);
      } catch (IOException e) {
        LOG.warnf("run %s: cannot store its report: %s", running.id(), e.getMessage());
      }
    }
    if (!plan.caches().isEmpty() && state == RunState.SUCCESS) {
      caches.save(running.key(), plan.caches(), workspace);
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
