package dev.ciorchestrator.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Cache versions on disk: {@code <root>/<key id>/v-<millis>-<uuid>/} holds a version's {@code
 * data/} and its size, {@code <root>/<key id>/used} is touched whenever the key is restored or
 * saved (its time orders the eviction). A version is built under {@code <root>/tmp/} and appears
 * under its key by one atomic rename, so a reader sees a whole version or none, and concurrent
 * savers of one key each publish a whole version of their own: the newest wins, none is mixed.
 * Older versions are retired after a publish (renamed away under {@code tmp/}, then deleted there);
 * a reader copying one at that moment may get an error, or no error and too little (a folder it
 * holds open lists as empty once its files are deleted), so {@link #restore} checks the version is
 * still in place after copying it: a restore is whole or a miss. The check is on the file system,
 * so it holds for several processes (or pods) sharing the root.
 */
public final class CacheStore {
  static final String DATA = "data";
  static final String BYTES = "bytes";
  static final String USED = "used";
  static final String TMP = "tmp";

  /** Copies a version's data out; a test slips a concurrent retire into the copy. */
  @FunctionalInterface
  interface Copier {
    long copy(Path from, Path to) throws IOException;
  }

  private final Path root;
  private final Clock clock;
  private final Copier copier;

  public CacheStore(Path root, Clock clock) throws IOException {
    this(root, clock, Folders::copy);
  }

  CacheStore(Path root, Clock clock, Copier copier) throws IOException {
    this.root = Files.createDirectories(root);
    this.clock = clock;
    this.copier = copier;
    Files.createDirectories(root.resolve(TMP));
  }

  Path root() {
    return root;
  }

  /**
   * Copies the newest version of {@code key} into {@code target}, which must not exist.
   *
   * @return the bytes restored, or empty when there is no version (or it was retired while being
   *     copied, which leaves no {@code target} behind)
   * @throws IOException if the copy failed while the version stayed in place (a full disk); no
   *     {@code target} is left behind either
   */
  public Optional<Long> restore(CacheKey key, Path target) throws IOException {
    Optional<Path> version = newest(root.resolve(key.id()));
    if (version.isEmpty()) {
      return Optional.empty();
    }
    long bytes;
    try {
      bytes = copier.copy(version.get().resolve(DATA), target);
    } catch (IOException e) {
      Folders.delete(target);
      if (published(version.get()).isPresent()) {
        throw e;
      }
      return Optional.empty(); // retired while being copied: a miss, not half a cache
    }
    if (!published(version.get()).equals(Optional.of(bytes))) {
      // retired while being copied, yet the copy saw no error: what it read may be a part (or none)
      Folders.delete(target);
      return Optional.empty();
    }
    touch(key);
    return Optional.of(bytes);
  }

  /**
   * The size {@code version} was published with, while it is still in place. A version never
   * changes once published and is deleted only after it is renamed away, and its name is never used
   * again: so a copy that ended before this finds it is a copy of the whole version.
   */
  private static Optional<Long> published(Path version) throws IOException {
    try {
      String bytes = Files.readString(version.resolve(BYTES), StandardCharsets.UTF_8);
      return Optional.of(Long.parseLong(bytes.trim()));
    } catch (NoSuchFileException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Publishes the folder {@code source} as the newest version of {@code key}. The folder is moved
   * when it can be (same file system; the caller gives it up), else copied.
   *
   * @return the bytes saved
   */
  public long save(CacheKey key, Path source) throws IOException {
    Path staging = root.resolve(TMP).resolve(UUID.randomUUID().toString());
    Files.createDirectories(staging);
    try {
      long bytes = moveOrCopy(source, staging.resolve(DATA));
      Files.writeString(staging.resolve(BYTES), Long.toString(bytes), StandardCharsets.UTF_8);
      Path keyDir = Files.createDirectories(root.resolve(key.id()));
      String name = "v-%020d-%s".formatted(clock.millis(), UUID.randomUUID());
      Path published = keyDir.resolve(name);
      Files.move(staging, published, StandardCopyOption.ATOMIC_MOVE);
      touch(key);
      dropOlder(keyDir);
      return bytes;
    } finally {
      Folders.delete(staging);
    }
  }

  private static long moveOrCopy(Path source, Path target) throws IOException {
    long bytes = Folders.size(source);
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
      return bytes;
    } catch (AtomicMoveNotSupportedException e) {
      return Folders.copy(source, target);
    }
  }

  /**
   * Every version but the newest (which may be a concurrent saver's, published after ours: the last
   * publisher's pass leaves one). A reader copying one of them fails its copy: a miss.
   */
  private void dropOlder(Path keyDir) throws IOException {
    List<Path> all = versions(keyDir);
    for (Path v : all.subList(0, Math.max(0, all.size() - 1))) {
      retire(v);
    }
  }

  /**
   * Removes {@code dir} (a version or a whole key): first renamed away under {@code tmp/}, which
   * one caller wins when several retire it at once, then deleted privately.
   */
  void retire(Path dir) throws IOException {
    Path away = root.resolve(TMP).resolve("retired-" + UUID.randomUUID());
    try {
      Files.move(dir, away, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return; // someone else retired it first
    }
    Folders.delete(away);
  }

  static Optional<Path> newest(Path keyDir) throws IOException {
    List<Path> all = versions(keyDir);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  static List<Path> versions(Path keyDir) throws IOException {
    if (!Files.isDirectory(keyDir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(keyDir)) {
      return list.filter(p -> p.getFileName().toString().startsWith("v-")).sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of(); // evicted meanwhile
    }
  }

  private void touch(CacheKey key) throws IOException {
    Path used = root.resolve(key.id()).resolve(USED);
    try {
      try {
        Files.createFile(used);
      } catch (FileAlreadyExistsException e) {
        // restored or saved before: only its time changes
      }
      Files.setLastModifiedTime(used, FileTime.from(clock.instant()));
    } catch (NoSuchFileException e) {
      // evicted meanwhile: the next save makes it again
    }
  }
}
