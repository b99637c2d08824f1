package dev.ciorchestrator.cache;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link CacheEvents} counted, for a process whose only way to report is one line of text: the
 * {@code pod cache} utility writes {@link #line()} as its container's termination message, and the
 * controller reads it back with {@link #parse} to count the pod's hits and misses as its own.
 */
public final class CacheTally implements CacheEvents {
  /** What one pod's cache container did. */
  public record Counts(
      int hits,
      int misses,
      long restoredBytes,
      int saved,
      long savedBytes,
      int evictedByAge,
      int evictedBySize) {
    public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);
  }

  private static final Pattern LINE =
      Pattern.compile(
          "caches hits=(\\d{1,9}) misses=(\\d{1,9}) restored-bytes=(\\d{1,18})"
              + " saved=(\\d{1,9}) saved-bytes=(\\d{1,18})"
              + " evicted-by-age=(\\d{1,9}) evicted-by-size=(\\d{1,9})");

  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();
  private final AtomicLong restored = new AtomicLong();
  private final AtomicInteger saved = new AtomicInteger();
  private final AtomicLong savedBytes = new AtomicLong();
  private final AtomicInteger byAge = new AtomicInteger();
  private final AtomicInteger bySize = new AtomicInteger();

  @Override
  public void hit(String repo, String job, long bytes) {
    hits.incrementAndGet();
    restored.addAndGet(bytes);
  }

  @Override
  public void miss(String repo, String job) {
    misses.incrementAndGet();
  }

  @Override
  public void saved(String repo, String job, long bytes) {
    saved.incrementAndGet();
    savedBytes.addAndGet(bytes);
  }

  @Override
  public void evicted(int byAge, int bySize) {
    this.byAge.addAndGet(byAge);
    this.bySize.addAndGet(bySize);
  }

  public Counts counts() {
    return new Counts(
        hits.get(),
        misses.get(),
        restored.get(),
        saved.get(),
        savedBytes.get(),
        byAge.get(),
        bySize.get());
  }

  /** One line that {@link #parse} reads back. */
  public String line() {
    Counts c = counts();
    return ("caches hits=%d misses=%d restored-bytes=%d saved=%d saved-bytes=%d"
            + " evicted-by-age=%d evicted-by-size=%d")
        .formatted(
            c.hits(),
            c.misses(),
            c.restoredBytes(),
            c.saved(),
            c.savedBytes(),
            c.evictedByAge(),
            c.evictedBySize());
  }

  /**
   * The counts of the last {@link #line()} in {@code text} (a termination message, which may hold a
   * log tail before it), or {@link Counts#NONE} when there is none: a pod that never reported is
   * not guessed at.
   */
  public static Counts parse(String text) {
    if (text == null) {
      return Counts.NONE;
    }
    Matcher m = LINE.matcher(text);
    Counts found = Counts.NONE;
    while (m.find()) {
      found =
          new Counts(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Long.parseLong(m.group(3)),
              Integer.parseInt(m.group(4)),
              Long.parseLong(m.group(5)),
              Integer.parseInt(m.group(6)),
              Integer.parseInt(m.group(7)));
    }
    return found;
  }

  /**
   * Tells {@code events} what a pod counted, as if it had happened here: each hit and save once,
   * with the bytes on the first (a pod reports totals, and the meters only add them up).
   */
  public static void replay(Counts c, String repo, String job, CacheEvents events) {
    for (int i = 0; i < c.hits(); i++) {
      events.hit(repo, job, i == 0 ? c.restoredBytes() : 0);
    }
    for (int i = 0; i < c.misses(); i++) {
      events.miss(repo, job);
    }
    for (int i = 0; i < c.saved(); i++) {
      events.saved(repo, job, i == 0 ? c.savedBytes() : 0);
    }
    if (c.evictedByAge() + c.evictedBySize() > 0) {
      events.evicted(c.evictedByAge(), c.evictedBySize());
    }
  }
}
