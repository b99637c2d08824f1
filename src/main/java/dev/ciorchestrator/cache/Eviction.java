package dev.ciorchestrator.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps a {@link CacheStore} within {@code ci.cache.max-age} (keys not used for longer go) and
 * {@code ci.cache.max-size} (then the least recently used keys go until the rest fit). A key's size
 * is its newest version's, written when it was published, so a pass reads one small file per key
 * instead of walking every cache. A pass also clears what dead savers left under {@code tmp/} (a
 * save container killed mid-copy, a crash while deleting a retired version): anything there
 * untouched for {@link #ABANDONED_AFTER}, far longer than a save copies.
 */
public final class Eviction {
  /** What one pass removed: keys by age and by size, and abandoned folders under {@code tmp/}. */
  public record Result(int byAge, int bySize, long bytesLeft, int abandoned) {}

  static final Duration ABANDONED_AFTER = Duration.ofHours(6);

  private record Entry(Path dir, Instant used, long bytes) {}

  private final CacheStore store;
  private final Clock clock;

  public Eviction(CacheStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** One pass; callers serialise passes (two at once would only count twice). */
  public synchronized Result run(long maxBytes, Duration maxAge) throws IOException {
    List<Entry> entries = entries();
    Instant oldest = clock.instant().minus(maxAge);
    int byAge = 0;
    List<Entry> kept = new ArrayList<>();
    for (Entry e : entries) {
      if (e.used().isBefore(oldest)) {
        store.retire(e.dir());
        byAge++;
      } else {
        kept.add(e);
      }
    }
    kept.sort(Comparator.comparing(Entry::used));
    long total = kept.stream().mapToLong(Entry::bytes).sum();
    int bySize = 0;
    for (Entry e : kept) {
      if (total <= maxBytes) {
        break;
      }
      store.retire(e.dir());
      total -= e.bytes();
      bySize++;
    }
    return new Result(byAge, bySize, total, sweepTmp());
  }

  private int sweepTmp() throws IOException {
    Instant before = clock.instant().minus(ABANDONED_AFTER);
    Path tmp = store.root().resolve(CacheStore.TMP);
    if (!Files.isDirectory(tmp)) {
      return 0;
    }
    int swept = 0;
    try (Stream<Path> left = Files.list(tmp)) {
      for (Path dir : left.toList()) {
        try {
          if (Files.getLastModifiedTime(dir).toInstant().isBefore(before)) {
            store.retire(dir);
            swept++;
          }
        } catch (NoSuchFileException e) {
          // finished (published or deleted) meanwhile
        }
      }
    }
    return swept;
  }

  private List<Entry> entries() throws IOException {
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> keys = Files.list(store.root())) {
      for (Path dir :
          keys.filter(p -> !p.getFileName().toString().equals(CacheStore.TMP)).toList()) {
        entry(dir).ifPresent(out::add);
      }
    }
    return out;
  }

  private static Optional<Entry> entry(Path keyDir) throws IOException {
    try {
      Optional<Path> newest = CacheStore.newest(keyDir);
      Path used = keyDir.resolve(CacheStore.USED);
      Instant at =
          Files.exists(used)
              ? Files.getLastModifiedTime(used).toInstant()
              : Files.getLastModifiedTime(keyDir).toInstant();
      long bytes =
          newest.isEmpty()
              ? 0
              : Long.parseLong(
                  Files.readString(newest.get().resolve(CacheStore.BYTES), StandardCharsets.UTF_8)
                      .trim());
      return Optional.of(new Entry(keyDir, at, bytes));
    } catch (NoSuchFileException | NumberFormatException e) {
      return Optional.empty(); // being published or evicted right now: the next pass sees it
    }
  }
}
