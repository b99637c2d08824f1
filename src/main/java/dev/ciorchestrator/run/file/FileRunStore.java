package dev.ciorchestrator.run.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.persist.AtomicFiles;
import dev.ciorchestrator.run.Retention;
import dev.ciorchestrator.run.RunJson;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Run records as one JSON file per run under a folder, for the embedded default. Every write goes
 * to a temporary file that is flushed first, so a crash leaves either the old record or the new
 * one, never half of one; temporary files a crash leaves behind are ignored.
 *
 * <p>Create-if-absent is a hard link from the written temporary file to {@code <id>.json}: {@code
 * link(2)} fails atomically when the name exists, where a rename would silently replace it. Updates
 * are atomic renames over the existing file.
 *
 * <p>Every record is also kept in memory, loaded once at construction and written through: the
 * reconcile loop reads {@link #all()} every cycle, and re-parsing thousands of files each time
 * would dominate it. A record's instance stays the same until it is updated, so the loop may skip
 * unchanged changes by identity. The files stay the truth for creation: a create that loses the
 * hard link race (another instance on the same folder) loads the winner's record instead.
 */
public final class FileRunStore implements RunStore, Retention {
  private static final String SUFFIX = ".json";
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final Path dir;
  private final Function<String, List<Path>> files;
  private final ObjectMapper json = RunJson.mapper();
  // Sorted by id as the keys are, so listing never computes an id (a SHA-256 each) to sort by.
  private final Map<String, RunRecord> byId = new ConcurrentSkipListMap<>();
  private final Map<String, Map<String, RunRecord>> byRepo = new ConcurrentHashMap<>();
  // The last listing per repository, dropped on any write to it: an unchanged repository gets the
  // same list instance back, which lets the loop skip work by identity.
  private final Map<String, List<RunRecord>> listed = new ConcurrentHashMap<>();

  /**
   * Loads every record under {@code dir}.
   *
   * @throws IOException naming the file if a record cannot be read: skipping it would let the loop
   *     start that run again
   */
  public FileRunStore(Path dir) throws IOException {
    this(dir, id -> List.of());
  }

  /**
   * @param files the files that go with a run (its log, its whole report), deleted with it by
   *     {@link #deleteFinishedBefore}
   */
  public FileRunStore(Path dir, Function<String, List<Path>> files) throws IOException {
    this.files = files;
    this.dir = Files.createDirectories(dir);
    try (Stream<Path> listed = Files.list(this.dir)) {
      for (Path file : listed.filter(FileRunStore::isRecord).toList()) {
        remember(read(file));
      }
    }
  }

  @Override
  public synchronized boolean create(RunRecord record) throws IOException {
    // synchronized with update: a create must not publish its record over a newer update
    Path file = file(record.id());
    if (AtomicFiles.createIfAbsent(file, json.writeValueAsBytes(record))) {
      remember(record);
      return true;
    }
    if (!byId.containsKey(record.id())) {
      remember(read(file)); // created by another store instance on the same folder
    }
    return false;
  }

  @Override
  public synchronized void update(RunRecord next) throws IOException {
    // synchronized: read-check-replace must not interleave within this process; across
    // processes only the leader writes (a later issue adds leader election).
    file(next.id());
    RunRecord current = byId.get(next.id());
    if (current == null) {
      throw new IllegalStateException("no run record " + next.id());
    }
    if (!current.canMoveTo(next.state())) {
      throw new IllegalStateException(
          "run %s cannot move from %s to %s"
              .formatted(next.id(), current.state().wire(), next.state().wire()));
    }
    AtomicFiles.replace(file(next.id()), json.writeValueAsBytes(next));
    remember(next); // only after the write: a failed write leaves memory as the file is
  }

  @Override
  public Optional<RunRecord> get(String id) {
    file(id); // refuses what is not a run id, as before the cache
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<RunRecord> all() {
    return List.copyOf(byId.values());
  }

  /** Synchronized with the writes, so a listing cached here can never miss one of them. */
  @Override
  public synchronized List<RunRecord> forRepo(String repo) {
    return listed.computeIfAbsent(
        repo,
        r -> {
          Map<String, RunRecord> records = byRepo.get(r);
          return records == null ? List.of() : List.copyOf(records.values());
        });
  }

  /**
   * Deletes the oldest finished runs that ended before {@code cutoff}, record file first (a crash
   * in between leaves a log without a record, never a record without its log), then its files.
   */
  @Override
  public synchronized int deleteFinishedBefore(Instant cutoff, int max) throws IOException {
    List<RunRecord> old =
        byId.values().stream()
            .filter(r -> r.state().terminal() && r.finishedAt() != null)
            .filter(r -> r.finishedAt().isBefore(cutoff))
            .sorted(Comparator.comparing(RunRecord::finishedAt))
            .limit(max)
            .toList();
    for (RunRecord r : old) {
      Files.deleteIfExists(file(r.id()));
      byId.remove(r.id());
      Map<String, RunRecord> ofRepo = byRepo.get(r.key().repo());
      if (ofRepo != null) {
        ofRepo.remove(r.id());
      }
      listed.remove(r.key().repo());
      for (Path f : files.apply(r.id())) {
        Files.deleteIfExists(f);
      }
    }
    return old.size();
  }

  private void remember(RunRecord record) {
    byId.put(record.id(), record);
    byRepo
        .computeIfAbsent(record.key().repo(), r -> new ConcurrentSkipListMap<>())
        .put(record.id(), record);
    listed.remove(record.key().repo());
  }

  private Path file(String id) {
    if (!RUN_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a run id: " + id);
    }
    return dir.resolve(id + SUFFIX);
  }

  private static boolean isRecord(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(SUFFIX) && !name.startsWith(AtomicFiles.TEMP_PREFIX);
  }

  private RunRecord read(Path file) throws IOException {
    try {
      return json.readValue(file.toFile(), RunRecord.class);
    } catch (IOException e) {
      throw new IOException("unreadable run record " + file + ": " + e.getMessage(), e);
    }
  }
}
