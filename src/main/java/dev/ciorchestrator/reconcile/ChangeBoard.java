package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.ForgeChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What the loop last published for each open change: the plan it acted on, the runs at head it
 * reported and the summary the forge got. The web UI reads it, so a page shows the very decision
 * the forge shows, with the config revision that made it, and never asks the forge (a hosted
 * forge's rate limit) or the planner (CEL per change) per page view.
 *
 * <p>Written by the loop's thread, read by any number of request threads: each entry is immutable
 * and replaced whole. Only the replica that reconciles (the leader) fills it.
 */
public final class ChangeBoard {
  /**
   * One change as last reported.
   *
   * @param latest the latest attempt of each job on the head SHA, by job; jobs without a run are
   *     absent (their {@link JobDecision} says why)
   * @param summary the summary comment the forge got, Markdown
   * @param configRevision the config SHA whose jobs and policies made the plan
   * @param plannedAt when the loop planned it
   */
  public record Entry(
      ForgeChange change,
      ChangePlan plan,
      Map<String, RunRecord> latest,
      String summary,
      String configRevision,
      Instant plannedAt) {
    public Entry {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(plan, "plan");
      latest = Map.copyOf(latest);
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(configRevision, "configRevision");
      Objects.requireNonNull(plannedAt, "plannedAt");
    }

    public String repo() {
      return plan.change().repo();
    }

    public long number() {
      return plan.change().number();
    }
  }

  /**
   * A slice of the open changes, ordered by repository name, then number.
   *
   * @param total how many entries match the filter in all
   */
  public record Slice(List<Entry> entries, int total) {
    public Slice {
      entries = List.copyOf(entries);
    }
  }

  private final Map<String, ConcurrentNavigableMap<Long, Entry>> byRepo = new ConcurrentHashMap<>();

  /** The loop reported {@code entry}; it replaces what the change showed before. */
  public void publish(Entry entry) {
    repo(entry.repo()).put(entry.number(), entry);
  }

  /** Forgets the changes of {@code repo} that are no longer open. */
  public void retain(String repo, Set<Long> open) {
    repo(repo).keySet().retainAll(open);
  }

  public Optional<Entry> get(String repo, long number) {
    ConcurrentNavigableMap<Long, Entry> entries = byRepo.get(repo);
    return entries == null ? Optional.empty() : Optional.ofNullable(entries.get(number));
  }

  /** How many open changes of {@code repo} the board holds. */
  public int count(String repo) {
    ConcurrentNavigableMap<Long, Entry> entries = byRepo.get(repo);
    return entries == null ? 0 : entries.size();
  }

  /**
   * The entries {@code offset} to {@code offset + limit} of the given repositories, taken in the
   * order given; walks past the skipped ones without copying them.
   */
  public Slice slice(Collection<String> repos, int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must be >= 0: " + offset + ", " + limit);
    }
    List<Entry> out = new ArrayList<>(Math.min(limit, 1024));
    int total = 0;
    for (String repo : repos) {
      ConcurrentNavigableMap<Long, Entry> entries = byRepo.get(repo);
      if (entries == null) {
        continue;
      }
      int size = entries.size();
      if (out.size() < limit && total + size > offset) {
        int skip = Math.max(0, offset - total);
        for (Entry e : entries.values()) {
          if (skip > 0) {
            skip--;
          } else if (out.size() < limit) {
            out.add(e);
          } else {
            break;
          }
        }
      }
      total += size;
    }
    return new Slice(out, total);
  }

  private ConcurrentNavigableMap<Long, Entry> repo(String repo) {
    return byRepo.computeIfAbsent(repo, r -> new ConcurrentSkipListMap<>());
  }
}
