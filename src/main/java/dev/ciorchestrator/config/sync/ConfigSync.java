package dev.ciorchestrator.config.sync;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.ConfigSource;
import dev.ciorchestrator.config.loading.UrlRedaction;
import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.model.SourcePosition;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the running {@link ConfigSnapshot} in line with a {@link ConfigSource}, Argo CD style:
 * resolve the revision to a SHA, and load only a SHA not seen before. A revision that fails to load
 * never replaces the running snapshot; it is reported as {@link SyncState#ERROR} with every error.
 * Thread-safe: readers never block, and concurrent {@link #sync()} calls take turns.
 */
public final class ConfigSync {
  /** Loads the files of one revision; {@code ConfigLoader::load} is one. */
  @FunctionalInterface
  public interface Loader {
    LoadResult load(String revision, List<ConfigFile> files);
  }

  static final int CACHED_REVISIONS = 8;

  private final ConfigSource source;
  private final Loader loader;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final LoadCache cache = new LoadCache(CACHED_REVISIONS);
  private final TransitionLog log = new TransitionLog();
  private final AtomicReference<Running> running =
      new AtomicReference<>(new Running("", ConfigSnapshot.empty(), null));
  private final AtomicReference<SyncStatus> status;

  public ConfigSync(ConfigSource source, ConfigLoader loader, Clock clock) {
    this(source, loader::load, clock);
  }

  public ConfigSync(ConfigSource source, Loader loader, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.status = new AtomicReference<>(SyncStatus.initial(description()));
  }

  /**
   * Checks the source once and loads its revision if it is new. Never throws: every failure is in
   * the returned status. A caller that finds another sync running waits for it, then checks again
   * (cheaply, as that revision is then known).
   */
  public SyncStatus sync() {
    lock.lock();
    try {
      SyncStatus outcome = check(clock.instant());
      status.set(outcome);
      log.record(outcome);
      return outcome;
    } finally {
      lock.unlock();
    }
  }

  /** The running snapshot; {@link ConfigSnapshot#empty()} before the first good load. */
  public ConfigSnapshot current() {
    return running.get().snapshot();
  }

  /** The latest status, including {@code OutOfSync} while a new revision is being loaded. */
  public SyncStatus status() {
    return status.get();
  }

  int loggedTransitions() {
    lock.lock();
    try {
      return log.transitions();
    } finally {
      lock.unlock();
    }
  }

  private SyncStatus check(Instant now) {
    String sha;
    try {
      sha = source.resolve();
    } catch (IOException | RuntimeException e) {
      return failed(now, "", "revision", e);
    }
    if (sha.equals(running.get().revision())) {
      return synced(now); // the common case, every cycle: no read, no load
    }
    Optional<LoadResult> known = cache.get(sha);
    if (known.isPresent()) {
      return apply(now, sha, known.get());
    }
    status.set(status(SyncState.OUT_OF_SYNC, now, sha, List.of()));
    List<ConfigFile> files;
    try {
      files = source.read(sha);
    } catch (IOException | RuntimeException e) {
      return failed(now, sha, "path", e); // not cached: it may be a passing I/O problem
    }
    LoadResult result;
    try {
      result = loader.load(sha, files);
    } catch (RuntimeException e) {
      return failed(now, sha, "", e); // a loader bug must not stop the sync loop
    }
    cache.put(sha, result);
    return apply(now, sha, result);
  }

  private SyncStatus apply(Instant now, String sha, LoadResult result) {
    if (result instanceof LoadResult.Failed failed) {
      return status(SyncState.ERROR, now, sha, failed.errors());
    }
    running.set(new Running(sha, ((LoadResult.Loaded) result).snapshot(), now));
    return synced(now);
  }

  private SyncStatus synced(Instant now) {
    return status(SyncState.SYNCED, now, running.get().revision(), List.of());
  }

  private SyncStatus failed(Instant now, String sha, String field, Exception e) {
    String message = UrlRedaction.redact(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    SourcePosition where = new SourcePosition(description(), 1, 1);
    return status(SyncState.ERROR, now, sha, List.of(new ConfigError(where, field, message)));
  }

  private SyncStatus status(SyncState state, Instant now, String sha, List<ConfigError> errors) {
    Running r = running.get();
    String summary = r.revision().isEmpty() ? "" : r.snapshot().summary();
    return new SyncStatus(state, description(), sha, r.revision(), now, r.since(), errors, summary);
  }

  /** Asked each time: a source may describe itself better once it could be opened. */
  private String description() {
    return UrlRedaction.redact(source.describe());
  }

  /** The running snapshot with the SHA it was loaded from and when it started running. */
  private record Running(String revision, ConfigSnapshot snapshot, Instant since) {}
}
