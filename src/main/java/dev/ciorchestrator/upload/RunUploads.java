package dev.ciorchestrator.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.cache.Folders;
import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.eclipse.jgit.util.FileUtils;

/**
 * {@link UploadStaging} on this replica's disk (the file store's), one folder per run until the
 * run's end is recorded: {@code <dir>/<runId>/workspace/<path>} for files, {@code log}, and {@code
 * done} once the sidecar finished. Not shared: a failover to another replica loses it, which is why
 * the PostgreSQL store stages in the database instead.
 */
public final class RunUploads implements UploadStaging {
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

  @Override
  public long quota() {
    return quota;
  }

  @Override
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
    try {
      write(target, offset, chunk);
    } catch (FileSystemException e) {
      // a path that is a file here and a folder there (a/b after a): the pod's own doing
      throw UploadPaths.clash(path);
    }
  }

  private static void write(Path target, long offset, byte[] chunk) throws IOException {
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

  @Override
  public synchronized void finish(String runId, StagedRun.Done done)
      throws UploadRefused, IOException {
    Path run = dir.resolve(UploadPaths.runId(runId));
    Files.createDirectories(run);
    AtomicFiles.replace(run.resolve(DONE), JSON.writeValueAsBytes(done));
  }

  @Override
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

  @Override
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
