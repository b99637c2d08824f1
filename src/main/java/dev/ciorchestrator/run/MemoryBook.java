package dev.ciorchestrator.run;

import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link ControllerMemory} of every change as one value, for the stores that keep it whole (the
 * file store writes it as JSON): the rules of what is kept live here once.
 *
 * @param changes by {@code repo#number}
 */
public record MemoryBook(Map<String, Entry> changes) {
  /** Nothing remembered. */
  public static final MemoryBook EMPTY = new MemoryBook(Map.of());

  /**
   * What is remembered of one change.
   *
   * @param refusal null when no refused merge is remembered
   * @param refusedAt when {@code refusal} was remembered; null with it, and in files written before
   *     it was kept ({@link #stamped})
   */
  public record Entry(List<ToldAnswer> answers, MergeRefusal refusal, Instant refusedAt) {
    public Entry {
      answers = answers == null ? List.of() : List.copyOf(answers);
    }

    /** When something was last remembered of the change: retention goes by this. */
    Instant rememberedAt() {
      Instant newest = refusedAt == null ? Instant.MIN : refusedAt;
      for (ToldAnswer a : answers) {
        newest = a.at().isAfter(newest) ? a.at() : newest;
      }
      return newest;
    }
  }

  public MemoryBook {
    changes = new TreeMap<>(changes == null ? Map.of() : changes); // sorted: the file diffs well
  }

  public List<ToldAnswer> answers(String repo, long change, String head) {
    return entry(repo, change).answers().stream().filter(a -> a.head().equals(head)).toList();
  }

  public Optional<MergeRefusal> refusal(String repo, long change) {
    return Optional.ofNullable(entry(repo, change).refusal());
  }

  /**
   * With {@code answer} remembered by {@link ControllerMemory#answered}'s rules; this if no change.
   */
  public MemoryBook withAnswer(String repo, long change, ToldAnswer answer) {
    Entry old = entry(repo, change);
    List<ToldAnswer> kept = new ArrayList<>();
    for (ToldAnswer a : old.answers()) {
      if (a.head().equals(answer.head())) {
        if (a.key().equals(answer.key())) {
          return this; // told once: the first answer stays
        }
        kept.add(a);
      }
    }
    kept.add(answer);
    kept.sort(Comparator.comparing(ToldAnswer::at));
    List<ToldAnswer> newest =
        kept.subList(Math.max(0, kept.size() - ControllerMemory.MAX_ANSWERS), kept.size());
    return with(repo, change, new Entry(newest, old.refusal(), old.refusedAt()));
  }

  /**
   * With {@code refusal}, remembered {@code at}, as the change's last refused merge; this if it is
   * remembered already.
   */
  public MemoryBook withRefusal(String repo, long change, MergeRefusal refusal, Instant at) {
    Entry old = entry(repo, change);
    return refusal.equals(old.refusal())
        ? this
        : with(repo, change, new Entry(old.answers(), refusal, at));
  }

  /**
   * With {@code at} as the time of every refusal whose time was not kept (a file from before it
   * was): retention counts from now for those, as the database's migration does.
   */
  public MemoryBook stamped(Instant at) {
    Map<String, Entry> next = new TreeMap<>(changes);
    next.replaceAll(
        (k, e) ->
            e.refusal() != null && e.refusedAt() == null
                ? new Entry(e.answers(), e.refusal(), at)
                : e);
    return next.equals(changes) ? this : new MemoryBook(next);
  }

  /**
   * The changes after {@code after} (null: from the first), at most {@code max}, in key order; the
   * last key returned is where the next look goes on.
   */
  public List<String> keysAfter(String after, int max) {
    NavigableMap<String, Entry> sorted = (NavigableMap<String, Entry>) changes; // a TreeMap
    return (after == null ? sorted : sorted.tailMap(after, false))
        .keySet().stream().limit(max).toList();
  }

  /** When something was last remembered of the change {@code key} names. */
  public Instant rememberedAt(String key) {
    Entry e = changes.get(key);
    return e == null ? Instant.MIN : e.rememberedAt();
  }

  /** Without what is remembered of the changes {@code keys} name. */
  public MemoryBook without(Collection<String> keys) {
    Map<String, Entry> next = new TreeMap<>(changes);
    next.keySet().removeAll(keys);
    return next.size() == changes.size() ? this : new MemoryBook(next);
  }

  /** The repository of the change {@code key} names. */
  public static String repoOf(String key) {
    return key.substring(0, key.lastIndexOf('#'));
  }

  /** The number of the change {@code key} names. */
  public static long numberOf(String key) {
    return Long.parseLong(key.substring(key.lastIndexOf('#') + 1));
  }

  /**
   * Writes everything remembered into {@code target} (moving a file store to PostgreSQL).
   *
   * @return how many changes had something remembered
   */
  public int copyTo(ControllerMemory target) throws IOException {
    for (Map.Entry<String, Entry> e : changes.entrySet()) {
      String repo = repoOf(e.getKey());
      long change = numberOf(e.getKey());
      for (ToldAnswer a : e.getValue().answers()) {
        target.answered(repo, change, a);
      }
      if (e.getValue().refusal() != null) {
        target.refused(repo, change, e.getValue().refusal());
      }
    }
    return changes.size();
  }

  private MemoryBook with(String repo, long change, Entry entry) {
    Map<String, Entry> next = new TreeMap<>(changes);
    next.put(key(repo, change), entry);
    return new MemoryBook(next);
  }

  private Entry entry(String repo, long change) {
    return changes.getOrDefault(key(repo, change), new Entry(List.of(), null, null));
  }

  private static String key(String repo, long change) {
    return repo + "#" + change;
  }
}
