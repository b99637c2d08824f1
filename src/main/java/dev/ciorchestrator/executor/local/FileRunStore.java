package dev.ciorchestrator.executor.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.persist.AtomicFiles;
import dev.ciorchestrator.reconcile.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 */
public final class FileRunStore implements RunStore {
  private static final String SUFFIX = ".json";
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final Path dir;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public FileRunStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  @Override
  public boolean create(RunRecord record) throws IOException {
    return AtomicFiles.createIfAbsent(file(record.id()), json.writeValueAsBytes(record));
  }

  @Override
  public synchronized void update(RunRecord next) throws IOException {
    // synchronized: read-check-replace must not interleave within this process; across
    // processes only the leader writes (a later issue adds leader election).
    RunRecord current =
        get(next.id()).orElseThrow(() -> new IllegalStateException("no run record " + next.id()));
    if (!current.canMoveTo(next.state())) {
      throw new IllegalStateException(
          "run %s cannot move from %s to %s"
              .formatted(next.id(), current.state().wire(), next.state().wire()));
    }
    AtomicFiles.replace(file(next.id()), json.writeValueAsBytes(next));
  }

  @Override
  public Optional<RunRecord> get(String id) throws IOException {
    Path file = file(id);
    return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
  }

  @Override
  public List<RunRecord> all() throws IOException {
    List<RunRecord> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(FileRunStore::isRecord).sorted().toList()) {
        records.add(read(file));
      }
    }
    return records;
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
