package dev.ciorchestrator.run;

import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
   */
  public record Entry(List<ToldAnswer> answers, MergeRefusal refusal) {
    public Entry {
      answers = answers == null ? List.of() : List.copyOf(answers);
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
    return with(repo, change, new Entry(newest, old.refusal()));
  }

  /** With {@code refusal} as the change's last refused merge; this if it is remembered already. */
  public MemoryBook withRefusal(String repo, long change, MergeRefusal refusal) {
    Entry old = entry(repo, change);
    return refusal.equals(old.refusal())
        ? this
        : with(repo, change, new Entry(old.answers(), refusal));
  }

  /**
   * Writes everything remembered into {@code target} (moving a file store to PostgreSQL).
   *
   * @return how many changes had something remembered
   */
  public int copyTo(ControllerMemory target) throws IOException {
    for (Map.Entry<String, Entry> e : changes.entrySet()) {
      int hash = e.getKey().lastIndexOf('#');
      String repo = e.getKey().substring(0, hash);
      long change = Long.parseLong(e.getKey().substring(hash + 1));
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
    return changes.getOrDefault(key(repo, change), new Entry(List.of(), null));
  }

  private static String key(String repo, long change) {
    return repo + "#" + change;
  }
}
