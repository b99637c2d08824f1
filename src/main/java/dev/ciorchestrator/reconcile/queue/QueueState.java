package dev.ciorchestrator.reconcile.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one branch's queue remembers between passes; the controller saves it after each pass's
 * actions ran. Losing it is safe: batches and their runs have deterministic ids, so a queue that
 * starts empty forms the same first batch again and finds its runs.
 *
 * @param lastBatch the number of the newest batch ({@code refs/ci-orchestrator/queue/<branch>/<n>})
 * @param entries the changes in the queue, in queue order
 * @param groups how the front of the queue is split into batches: a failed batch is replaced by its
 *     two halves (bisection); the first group is the batch under test
 * @param built batches whose commit exists (or whose building found a conflict)
 * @param rejected changes a batch proved bad, at the head it proved bad; they return with a new
 *     head
 */
public record QueueState(
    long lastBatch,
    List<Entry> entries,
    List<List<Long>> groups,
    List<Built> built,
    List<Rejection> rejected) {
  public static final QueueState EMPTY =
      new QueueState(0, List.of(), List.of(), List.of(), List.of());

  public QueueState {
    entries = List.copyOf(entries);
    groups = groups.stream().map(List::copyOf).toList();
    built = List.copyOf(built);
    rejected = List.copyOf(rejected);
  }

  /** A change in the queue since {@code enteredAt}, at the head it entered with. */
  public record Entry(long change, String headSha, Instant enteredAt) {
    public Entry {
      Objects.requireNonNull(headSha, "headSha");
      Objects.requireNonNull(enteredAt, "enteredAt");
    }
  }

  /**
   * Batch {@code batchId} was built as batch number {@code number}: its commit, or the change whose
   * merge into the batch conflicted and where.
   */
  public record Built(
      String batchId, long number, String commitSha, long conflictChange, String conflict) {
    public Built {
      Objects.requireNonNull(batchId, "batchId");
      commitSha = Objects.requireNonNullElse(commitSha, "");
      conflict = Objects.requireNonNullElse(conflict, "");
    }

    public static Built commit(String batchId, long number, String sha) {
      return new Built(batchId, number, sha, 0, "");
    }

    public static Built conflict(String batchId, long number, long change, String why) {
      return new Built(batchId, number, "", change, why);
    }

    public boolean conflicted() {
      return conflictChange > 0;
    }
  }

  /** Change {@code change} left the queue at {@code headSha}, for {@code reason}. */
  public record Rejection(long change, String headSha, String reason) {}

  public Optional<Built> built(String batchId) {
    return built.stream().filter(b -> b.batchId().equals(batchId)).findFirst();
  }

  /** This state with batch {@code b} recorded, replacing an earlier record of the same batch. */
  public QueueState withBuilt(Built b) {
    List<Built> next =
        java.util.stream.Stream.concat(
                built.stream().filter(x -> !x.batchId().equals(b.batchId())),
                java.util.stream.Stream.of(b))
            .toList();
    return new QueueState(Math.max(lastBatch, b.number()), entries, groups, next, rejected);
  }
}
