package dev.ciorchestrator.quality;

import dev.ciorchestrator.cache.CacheEvents;
import dev.ciorchestrator.cache.CacheService;
import dev.ciorchestrator.cache.CacheStore;
import dev.ciorchestrator.cache.Eviction;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.Launcher;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.reports.ReportLimits;
import dev.ciorchestrator.reports.ReportReader;
import dev.ciorchestrator.reports.ReportStore;
import dev.ciorchestrator.run.file.FileRunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Jobs run for real by a local executor (bash or a container) with the service's quality hooks, on
 * a Git repository holding a copy of a folder (an example project): what a run's record says of its
 * reports, and what its caches did ({@link #events}: {@code hit <bytes>}, {@code miss}, {@code
 * saved <bytes>}).
 */
public final class QualityRuns implements AutoCloseable {
  /** A hang guard only: the slowest job here (a cold go test) takes well under a minute. */
  private static final Duration GUARD = Duration.ofMinutes(10);

  public final List<String> events = new CopyOnWriteArrayList<>();
  public final FileRunStore records;
  public final ReportStore reports;
  public final GitRepo git;
  public final String head;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final LocalExecutor executor;

  public QualityRuns(Path tmp, Launcher launcher, Path project) throws Exception {
    this(tmp, launcher, project, QualityProducer.runEnv(Optional::empty));
  }

  /**
   * @param runEnv what the deployment gives every run, as {@link QualityProducer#runEnv} makes it
   *     from the {@code ci.recipes.*} settings
   */
  public QualityRuns(Path tmp, Launcher launcher, Path project, Map<String, String> runEnv)
      throws Exception {
    git = GitRepo.init(tmp.resolve("repo"));
    try (Stream<Path> files = Files.walk(project)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        git.write(project.relativize(f).toString(), Files.readString(f));
      }
    }
    head = git.commit("project");
    records = new FileRunStore(tmp.resolve("records"));
    reports = new ReportStore(tmp.resolve("reports"));
    Clock clock = Clock.systemUTC();
    CacheStore store = new CacheStore(tmp.resolve("caches"), clock);
    CacheService caches =
        new CacheService(
            store, new Eviction(store, clock), recorder(), 1L << 32, Duration.ofDays(1));
    executor =
        new LocalExecutor(
                records,
                new WorkspaceBuilder(),
                launcher,
                new JobSlots(),
                tmp.resolve("work"),
                clock,
                r -> {},
                pool)
            .withHooks(
                new QualityHooks(
                    caches,
                    new ReportReader(ReportLimits.DEFAULT),
                    reports,
                    tmp.resolve("in-flight"),
                    runEnv))
            .open();
  }

  /** Runs {@code job} on the head as a push (trusted) and returns its terminal record. */
  public RunRecord push(Job job, String name) throws Exception {
    return run(RunKey.forPush("demo/app", "main", head, name), job, true);
  }

  public RunRecord run(RunKey key, Job job, boolean trusted) throws Exception {
    RunRecord pending = TestRuns.pending(key, Instant.now());
    if (!records.create(pending)) {
      throw new AssertionError("run " + key.id() + " exists already");
    }
    executor.start(pending, new RunSpec(job, git.dir(), "main", head, trusted));
    long deadline = System.nanoTime() + GUARD.toNanos();
    while (System.nanoTime() < deadline) {
      RunRecord now = records.get(pending.id()).orElseThrow();
      if (now.state().terminal()) {
        return now;
      }
      Thread.sleep(5); // CacheBench times runs by this loop
    }
    throw new AssertionError("run " + pending.id() + " still not done after " + GUARD);
  }

  public String log(RunRecord run) throws IOException {
    return Files.readString(executor.logFile(run.id()));
  }

  private CacheEvents recorder() {
    return new CacheEvents() {
      @Override
      public void hit(String repo, String job, long bytes) {
        events.add("hit " + bytes);
      }

      @Override
      public void miss(String repo, String job) {
        events.add("miss");
      }

      @Override
      public void saved(String repo, String job, long bytes) {
        events.add("saved " + bytes);
      }

      @Override
      public void evicted(int byAge, int bySize) {}
    };
  }

  @Override
  public void close() {
    executor.close();
    pool.shutdownNow();
    git.close();
  }
}
