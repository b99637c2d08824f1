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
 * first (named {@code .tmp-*}, which readers skip), then takes the final name; the folder is
 * flushed too, so the new name itself survives a power cut.
 */
public final class AtomicFiles {
  /** Temporary files start with this; a crash can leave them behind, and readers ignore them. */
  public static final String TEMP_PREFIX = ".tmp-";

  private AtomicFiles() {}

  /** Replaces {@code file} (or creates it) with {@code content}, atomically. */
  public static void replace(Path file, byte[] content) throws IOException {
    Path temp = writeTemp(file, content);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      syncFolder(file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Creates {@code file} with {@code content} unless it exists; exactly one of many concurrent
   * callers wins. A hard link fails atomically when the name exists ({@code link(2)}), where a
   * rename would silently replace it.
   *
   * @return true if this call created the file
   */
  public static boolean createIfAbsent(Path file, byte[] content) throws IOException {
    Path temp = writeTemp(file, content);
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

  private static Path writeTemp(Path file, byte[] content) throws IOException {
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), TEMP_PREFIX, ".part");
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    return temp;
  }

  private static void syncFolder(Path file) throws IOException {
    try (FileChannel folder =
        FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
      folder.force(true);
    }
  }
}
