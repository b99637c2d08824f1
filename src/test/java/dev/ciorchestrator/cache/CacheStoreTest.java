package dev.ciorchestrator.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheStoreTest {
  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));

  private static CacheKey key(String name) {
    return new CacheKey("demo/app", name, "process|", "", CacheScope.TRUSTED);
  }

  @Test
  void aSavedFolderIsRestoredWhole() throws Exception {
    CacheStore store = new CacheStore(tmp.resolve("caches"), clock);
    Path source = folder("src", 3, "v1");
    Files.createSymbolicLink(source.resolve("link"), Path.of("/etc/hostname"));
    assertThat(store.save(key("go"), source)).isEqualTo(3 * 2);
    assertThat(source).doesNotExist(); // moved, not copied: the workspace gives it up
    Path target = tmp.resolve("restored");
    assertThat(store.restore(key("go"), target)).contains(6L);
    assertThat(target.resolve("f0")).hasContent("v1");
    assertThat(Files.isSymbolicLink(target.resolve("link"))).isTrue();
    assertThat(store.restore(key("other"), tmp.resolve("none"))).isEmpty();
    assertThat(tmp.resolve("none")).doesNotExist();
  }

  @Test
  void concurrentSaversOfOneKeyNeverMixTheirVersions() throws Exception {
    CacheStore store = new CacheStore(tmp.resolve("caches"), clock);
    int savers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(savers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> done = new ArrayList<>();
    for (int i = 0; i < savers; i++) {
      Path source = folder("saver" + i, 50, "saver-" + i);
      done.add(
          pool.submit(
              () -> {
                start.await();
                return store.save(key("go"), source);
              }));
    }
    // readers race the savers: each sees nothing or one saver's whole folder
    List<Future<Optional<String>>> reads = new ArrayList<>();
    for (int r = 0; r < 20; r++) {
      Path target = tmp.resolve("read" + r);
      reads.add(
          pool.submit(
              () -> {
                start.await();
                return store.restore(key("go"), target).map(b -> owner(target));
              }));
    }
    start.countDown();
    for (Future<Long> f : done) {
      assertThat(f.get(60, TimeUnit.SECONDS)).isPositive();
    }
    for (Future<Optional<String>> f : reads) {
      f.get(60, TimeUnit.SECONDS).ifPresent(o -> assertThat(o).startsWith("saver-"));
    }
    pool.shutdown();
    Path last = tmp.resolve("final");
    assertThat(store.restore(key("go"), last)).contains(50L * "saver-0".length());
    assertThat(owner(last)).startsWith("saver-");
    try (Stream<Path> versions = Files.list(store.root().resolve(key("go").id()))) {
      assertThat(versions.filter(p -> p.getFileName().toString().startsWith("v-"))).hasSize(1);
    }
    try (Stream<Path> staging = Files.list(store.root().resolve("tmp"))) {
      assertThat(staging).isEmpty();
    }
  }

  /**
   * The interleaving behind a reader that restored an empty folder while savers raced it: the copy
   * has opened the version's data folder (as {@code Files.walkFileTree} does before it lists it)
   * when a newer save retires that version, renaming it away and deleting its files; the open
   * folder then lists as empty, without an error.
   */
  @Test
  void aVersionRetiredWhileItIsCopiedIsAMissNeverAnEmptyOrPartialFolder() throws Exception {
    Path root = tmp.resolve("caches");
    AtomicBoolean raced = new AtomicBoolean();
    CacheStore store =
        new CacheStore(
            root,
            clock,
            (from, to) ->
                Folders.copy(
                    from,
                    to,
                    dir -> {
                      if (!raced.getAndSet(true)) {
                        retireUpToItsFolders(root, from.getParent());
                      }
                    }));
    store.save(key("go"), folder("v1", 5, "v1"));
    Path target = tmp.resolve("restored");

    assertThat(store.restore(key("go"), target)).isEmpty();
    assertThat(raced).isTrue();
    assertThat(target).doesNotExist();
  }

  @Test
  void aCopyThatFailsWhileItsVersionStaysIsAnErrorAndLeavesNothing() throws Exception {
    CacheStore store =
        new CacheStore(
            tmp.resolve("caches"),
            clock,
            (from, to) -> {
              Files.createDirectories(to.resolve("half"));
              throw new IOException("No space left on device");
            });
    store.save(key("go"), folder("v1", 5, "v1"));
    Path target = tmp.resolve("restored");

    assertThatThrownBy(() -> store.restore(key("go"), target)).hasMessageContaining("No space");
    assertThat(target).doesNotExist();
  }

  /** What {@link CacheStore#retire} has done to a version when it has deleted only its files. */
  private static void retireUpToItsFolders(Path root, Path version) throws IOException {
    Path away = root.resolve("tmp").resolve("retired-by-a-newer-save");
    Files.move(version, away, StandardCopyOption.ATOMIC_MOVE);
    try (Stream<Path> files = Files.list(away.resolve(CacheStore.DATA))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
  }

  @Test
  void evictsWhatIsTooOldThenTheLeastRecentlyUsed() throws Exception {
    CacheStore store = new CacheStore(tmp.resolve("caches"), clock);
    Eviction eviction = new Eviction(store, clock);
    store.save(key("old"), folder("a", 10, "x")); // 10 bytes
    clock.advance(Duration.ofDays(8));
    store.save(key("b"), folder("b", 10, "x"));
    clock.advance(Duration.ofMinutes(1));
    store.save(key("c"), folder("c", 10, "x"));
    clock.advance(Duration.ofMinutes(1));
    store.restore(key("b"), tmp.resolve("use-b")); // b is now more recently used than c
    clock.advance(Duration.ofMinutes(1));
    store.save(key("d"), folder("d", 10, "x"));

    Eviction.Result result = eviction.run(25, Duration.ofDays(7));

    assertThat(result).isEqualTo(new Eviction.Result(1, 1, 20, 0));
    assertThat(store.restore(key("old"), tmp.resolve("r-old"))).isEmpty();
    assertThat(store.restore(key("c"), tmp.resolve("r-c"))).isEmpty();
    assertThat(store.restore(key("b"), tmp.resolve("r-b"))).isPresent();
    assertThat(store.restore(key("d"), tmp.resolve("r-d"))).isPresent();
  }

  @Test
  void aSaveThatDiedMidCopyIsClearedFromTmpOnceLongAbandonedButAFreshOneIsNot() throws Exception {
    CacheStore store = new CacheStore(tmp.resolve("caches"), clock);
    Path dead = Files.createDirectories(tmp.resolve("caches/tmp/dead-saver/data/deep"));
    Files.writeString(dead.resolve("half-copied"), "x".repeat(1000));
    Path fresh = Files.createDirectories(tmp.resolve("caches/tmp/saving-now/data"));
    stamp(tmp.resolve("caches/tmp/dead-saver"), clock.instant().minus(Duration.ofHours(7)));
    stamp(tmp.resolve("caches/tmp/saving-now"), clock.instant().minus(Duration.ofMinutes(5)));

    Eviction.Result result = new Eviction(store, clock).run(1_000_000, Duration.ofDays(7));

    assertThat(result.abandoned()).isEqualTo(1);
    assertThat(tmp.resolve("caches/tmp/dead-saver")).doesNotExist();
    assertThat(fresh).isDirectory();
    try (Stream<Path> left = Files.list(tmp.resolve("caches/tmp"))) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("saving-now");
    }
  }

  private static void stamp(Path dir, Instant at) throws Exception {
    Files.setLastModifiedTime(dir, java.nio.file.attribute.FileTime.from(at));
  }

  private Path folder(String name, int files, String content) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (int i = 0; i < files; i++) {
      Files.writeString(dir.resolve("f" + i), content);
    }
    return dir;
  }

  /** Every file of a restored folder must come from the same saver. */
  private static String owner(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> contents =
          files
              .map(
                  f -> {
                    try {
                      return Files.readString(f);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .distinct()
              .toList();
      assertThat(contents).hasSize(1);
      return contents.get(0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
