package dev.ciorchestrator.cache;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality.Cache;
import dev.ciorchestrator.domain.RunKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Restores a job's caches into its workspace before the run and saves them after a successful one
 * (see {@link CacheScope} for who reads what). A cache that cannot be restored or saved is logged
 * and counted as a miss: it never fails the run.
 */
public final class CacheService {
  private static final Logger LOG = Logger.getLogger(CacheService.class);

  /** Where {@code env:} caches live inside the workspace (the variable names this folder). */
  public static final String ENV_FOLDER = ".ci-cache";

  private final CacheStore store;
  private final Eviction eviction;
  private final CacheEvents events;
  private final long maxBytes;
  private final Duration maxAge;

  public CacheService(
      CacheStore store, Eviction eviction, CacheEvents events, long maxBytes, Duration maxAge) {
    this.store = store;
    this.eviction = eviction;
    this.events = events;
    this.maxBytes = maxBytes;
    this.maxAge = maxAge;
  }

  /** The folder of the workspace a cache fills, relative to it. */
  public static String folder(Cache cache) {
    return cache.path().isEmpty() ? ENV_FOLDER + "/" + cache.name() : cache.path();
  }

  /**
   * The line a job's script starts with when it has {@code env:} caches: each variable names its
   * folder inside the workspace, absolute as tools want it ({@code GOCACHE} must be), whether the
   * workspace is this machine's folder or a container's {@code /workspace}. Names were checked as
   * identifiers when the config loaded, so nothing here is user text in shell syntax.
   */
  public static String preamble(Job job) {
    List<String> exports = new ArrayList<>();
    for (Cache cache : job.quality().caches()) {
      if (!cache.env().isEmpty()) {
        exports.add(cache.env() + "=\"$PWD/" + folder(cache) + "\"");
      }
    }
    return exports.isEmpty() ? "" : "export " + String.join(" ", exports) + "\n";
  }

  /** A cache of one run, with the key it is saved under (fixed before the run changes files). */
  public record Planned(Cache cache, CacheKey key) {}

  /** Whose caches a run uses: pushes, schedules and trusted authors share the trusted scope. */
  public static CacheScope scope(RunKey run, boolean trusted) {
    return run.change() == 0 || trusted
        ? CacheScope.TRUSTED
        : CacheScope.untrustedChange(run.change());
  }

  /** Restores every cache of {@code job} it can; returns what to save after a successful run. */
  public List<Planned> restore(RunKey run, Job job, CacheScope scope, Path workspace) {
    return restore(
        new Owner(run.repo(), run.job(), toolchain(job)), job.quality().caches(), scope, workspace);
  }

  /**
   * Whose caches these are: the key's repository and toolchain, and the job the metrics name.
   * Passed on its own where no {@link Job} is at hand (the pod's {@code pod cache} utility).
   */
  public record Owner(String repo, String job, String toolchain) {}

  /** Restores each of {@code caches} it can; returns what to save after a successful run. */
  public List<Planned> restore(Owner owner, List<Cache> caches, CacheScope scope, Path workspace) {
    List<Planned> planned = new ArrayList<>();
    for (Cache cache : caches) {
      try {
        CacheKey key =
            new CacheKey(
                owner.repo(),
                cache.name(),
                owner.toolchain(),
                KeyFiles.hash(workspace, cache.key()),
                scope);
        planned.add(new Planned(cache, key));
        restoreOne(owner, key, workspace, workspace.resolve(folder(cache)));
      } catch (IOException e) {
        LOG.warnf("cache %s of %s not restored: %s", cache.name(), owner.job(), e.getMessage());
        events.miss(owner.repo(), owner.job());
      }
    }
    return planned;
  }

  private void restoreOne(Owner run, CacheKey key, Path workspace, Path target) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      // the checkout has this folder: its content wins over any cache
      events.miss(run.repo(), run.job());
      return;
    }
    within(workspace, target.getParent());
    Files.createDirectories(target.getParent());
    Optional<Long> bytes = store.restore(key, target);
    if (bytes.isEmpty() && !key.scope().trusted()) {
      bytes = store.restore(key.in(CacheScope.TRUSTED), target);
    }
    if (bytes.isPresent()) {
      events.hit(run.repo(), run.job(), bytes.get());
    } else {
      Files.createDirectories(target);
      events.miss(run.repo(), run.job());
    }
  }

  /** After a successful run: publishes each cache folder the run left, then evicts. */
  public void save(RunKey run, List<Planned> planned, Path workspace) {
    save(run.repo(), run.job(), planned, workspace);
  }

  /** {@link #save(RunKey, List, Path)} where only the repository and job are known. */
  public void save(String repo, String job, List<Planned> planned, Path workspace) {
    for (Planned p : planned) {
      Path folder = workspace.resolve(folder(p.cache()));
      try {
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
          within(workspace, folder);
          events.saved(repo, job, store.save(p.key(), folder));
        }
      } catch (IOException e) {
        LOG.warnf("cache %s of %s not saved: %s", p.cache().name(), job, e.getMessage());
      }
    }
    evict();
  }

  /**
   * Fails unless {@code path} really is inside {@code workspace}: a checkout or a job may make a
   * folder on the way a link, and a cache must never be written or taken from where it leads (on
   * Kubernetes, the claim with every scope's caches is mounted beside the workspace).
   */
  static void within(Path workspace, Path path) throws IOException {
    Path existing = path;
    while (!Files.exists(existing) && existing.getParent() != null) {
      existing = existing.getParent(); // what is still to be made is made under it
    }
    if (!existing.toRealPath().startsWith(workspace.toRealPath())) {
      throw new IOException(
          workspace.relativize(path) + " leads out of the workspace through a symbolic link");
    }
  }

  /** One eviction pass; also run on a schedule, so that an idle service forgets old caches. */
  public void evict() {
    try {
      Eviction.Result result = eviction.run(maxBytes, maxAge);
      if (result.byAge() + result.bySize() > 0) {
        events.evicted(result.byAge(), result.bySize());
      }
    } catch (IOException e) {
      LOG.warnf("cache eviction failed: %s", e.getMessage());
    }
  }

  /** The toolchain part of the key: the image where it runs, or the orchestrator's own machine. */
  public static String toolchain(Job job) {
    String where = job.executor() == null ? "default" : job.executor().wire();
    return where + "|" + (job.image() == null ? "" : job.image());
  }
}
