package dev.ciorchestrator.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.cache.Folders;
import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.eclipse.jgit.util.FileUtils;

/**
 * Where the pods of Kubernetes runs upload to, one folder per run until the run's end is recorded:
 * {@code <dir>/<runId>/workspace/<path>} for files, {@code log}, and {@code done} once the sidecar
 * finished. A file arrives in chunks, each at the offset it continues (a resent chunk overwrites
 * its place, so a retry after a lost answer is harmless). The files of a run and its log are each
 * bounded by the run's quota (the artifact store's {@code ci.artifacts.max-run-size}): a chunk over
 * it is refused with 413 before a byte of it is written.
 */
public final class RunUploads {
  static final String FILES = "workspace";
  static final String LOG = "log";
  static final String DONE = "done";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final long quota;

  public RunUploads(Path dir, long quota) {
    this.dir = dir;
    this.quota = quota;
  }

  public long quota() {
    return quota;
  }

  /**
   * Writes {@code chunk} at {@code offset} of the run's file {@code path} (a workspace path), or of
   * its log when {@code path} is null.
   */
  public synchronized void append(String runId, String path, long offset, byte[] chunk)
      throws UploadRefused, IOException {
    Path run = dir.resolve(UploadPaths.runId(runId));
    Path target = path == null ? run.resolve(LOG) : UploadPaths.under(run.resolve(FILES), path);
    if (Files.exists(run.resolve(DONE))) {
      throw new UploadRefused(
          409, "run " + runId + ": its upload was already finished; nothing more is taken", "");
    }
    long size = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) ? Files.size(target) : 0;
    if (offset < 0 || offset > size) {
      throw new UploadRefused(
          409,
          "offset %d does not continue %s, which has %d bytes"
              .formatted(offset, path == null ? "the log" : path, size),
          "offset");
    }
    long before = path == null ? size : used(run.resolve(FILES));
    long after = before - (size - offset) + chunk.length;
    if (after > quota) {
      throw new UploadRefused(
          413,
          "run %s: %s makes its upload larger than ci.artifacts.max-run-size (%d bytes)"
              .formatted(runId, path == null ? "the log" : path, quota),
          "");
    }
    Files.createDirectories(target.getParent());
    try (FileChannel out =
        FileChannel.open(
            target,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      out.truncate(offset);
      out.position(offset);
      try (OutputStream stream = java.nio.channels.Channels.newOutputStream(out)) {
        stream.write(chunk);
      }
    }
  }

  /** The sidecar finished: nothing more is taken for the run. */
  public synchronized void finish(String runId, StagedRun.Done done)
      throws UploadRefused, IOException {
    Path run = dir.resolve(UploadPaths.runId(runId));
    Files.createDirectories(run);
    AtomicFiles.replace(run.resolve(DONE), JSON.writeValueAsBytes(done));
  }

  /** What the run's pod uploaded, for its end. */
  public synchronized StagedRun staged(String runId) throws IOException {
    Path run = dir.resolve(runId);
    Path done = run.resolve(DONE);
    Path log = run.resolve(LOG);
    return new StagedRun(
        Files.createDirectories(run.resolve(FILES)),
        Files.isRegularFile(log) ? Optional.of(log) : Optional.empty(),
        Files.isRegularFile(done)
            ? Optional.of(JSON.readValue(done.toFile(), StagedRun.Done.class))
            : Optional.empty());
  }

  /** The run's end is recorded: what it uploaded goes. */
  public synchronized void delete(String runId) throws IOException {
    Path run = dir.resolve(runId);
    if (Files.exists(run)) {
      FileUtils.delete(run.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
    }
  }

  private static long used(Path files) throws IOException {
    return Files.isDirectory(files) ? Folders.size(files) : 0;
  }
}
