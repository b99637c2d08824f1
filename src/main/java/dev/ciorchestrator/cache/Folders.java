package dev.ciorchestrator.cache;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Folder trees copied, measured and deleted without ever following a symbolic link: a cache is
 * filled by a job, so a link in it may point anywhere; it is copied as a link, never read through.
 */
public final class Folders {
  private Folders() {}

  /** Told of each folder a copy has opened and is about to list: where a test races a copy. */
  @FunctionalInterface
  interface Opened {
    void folder(Path dir) throws IOException;
  }

  /**
   * Copies {@code from} into {@code to} (created); returns the bytes of the regular files. A folder
   * whose files are deleted while it is copied may be copied as empty without an error: a folder is
   * listed through a handle opened before, which goes on reading it after a rename.
   */
  static long copy(Path from, Path to) throws IOException {
    return copy(from, to, dir -> {});
  }

  static long copy(Path from, Path to, Opened opened) throws IOException {
    long[] bytes = {0};
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            opened.folder(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(file).toString());
            Files.copy(file, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
            if (attrs.isRegularFile()) {
              bytes[0] += attrs.size();
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return bytes[0];
  }

  /** The bytes of the regular files under {@code dir} (links not followed). */
  public static long size(Path dir) throws IOException {
    long[] bytes = {0};
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              bytes[0] += attrs.size();
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return bytes[0];
  }

  /** Deletes {@code dir} and everything in it; a missing one is fine. */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
