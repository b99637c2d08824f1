package dev.ciorchestrator.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file writes for the embedded default's state: a file is either its old content or its
 * new content, never half of either. Content goes to a flushed temporary file in the same folder
 * first (named {@code .tmp-*.part}, which readers skip), then takes the final name; the folder is
 * flushed too, so the new name itself survives a power cut. A failed write deletes its temporary
 * file; what a crash leaves behind is swept by {@link #sweepOnce} at startup, and before this
 * process's first write into each folder.
 */
public final class AtomicFiles {
  /** Temporary files start with this; a crash can leave them behind, and readers ignore them. */
  public static final String TEMP_PREFIX = ".tmp-";

  /** Writes a temporary file's content durably; a test swaps in one that fails like a full disk. */
  @FunctionalInterface
  interface TempWriter {
    void write(Path temp, byte[] content) throws IOException;
  }

  private static final TempWriter DURABLE = AtomicFiles::writeAndForce;

  private AtomicFiles() {}

  /** Replaces {@code file} (or creates it) with {@code content}, atomically. */
  public static void replace(Path file, byte[] content) throws IOException {
    replace(file, content, DURABLE);
  }

  /**
   * Creates {@code file} with {@code content} unless it exists; exactly one of many concurrent
   * callers wins. A hard link fails atomically when the name exists ({@code link(2)}), where a
   * rename would silently replace it.
   *
   * @return true if this call created the file
   */
  public static boolean createIfAbsent(Path file, byte[] content) throws IOException {
    return createIfAbsent(file, content, DURABLE);
  }

  /**
   * Deletes the temporary files in {@code folder} that no running writer owns: what a crashed or
   * killed process left behind. A temporary file's name says which process (pid and start time)
   * writes it, so the files of this process and of any other live writer are left alone.
   *
   * @return how many were deleted
   */
  public static int sweep(Path folder) throws IOException {
    return TempFiles.sweep(folder.toAbsolutePath());
  }

  /**
   * {@link #sweep}s {@code folder} unless this process already did, and never fails: a leftover
   * costs only disk space. An owner calls it when it opens its folder at startup; the first write
   * into a folder calls it too, so a writer that forgets is still covered.
   */
  public static void sweepOnce(Path folder) {
    TempFiles.sweepOnce(folder.toAbsolutePath());
  }

  static void replace(Path file, byte[] content, TempWriter writer) throws IOException {
    Path temp = writeTemp(file, content, writer);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      syncFolder(file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static boolean createIfAbsent(Path file, byte[] content, TempWriter writer) throws IOException {
    Path temp = writeTemp(file, content, writer);
    try {
      Files.createLink(file, temp);
      syncFolder(file);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path writeTemp(Path file, byte[] content, TempWriter writer) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    TempFiles.sweepOnce(folder);
    Path temp = Files.createTempFile(folder, TempFiles.prefix(), TempFiles.SUFFIX);
    try {
      writer.write(temp, content);
    } catch (IOException | RuntimeException | Error e) {
      // a full disk or a read-only remount: the half-written file must not stay behind
      try {
        Files.deleteIfExists(temp);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    return temp;
  }

  private static void writeAndForce(Path temp, byte[] content) throws IOException {
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
  }

  private static void syncFolder(Path file) throws IOException {
    try (FileChannel folder =
        FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
      folder.force(true);
    }
  }
}
