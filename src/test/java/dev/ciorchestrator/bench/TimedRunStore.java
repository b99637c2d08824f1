package dev.ciorchestrator.bench;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.RunQuery;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A run store that counts the wall time its callers spend in it, so a benchmark can tell a pass's
 * wait for the store from its own work.
 */
final class TimedRunStore implements RunStore {
  private final RunStore target;
  private long nanos;

  TimedRunStore(RunStore target) {
    this.target = target;
  }

  /** The time spent in the store since the last call, and starts counting anew. */
  synchronized long takeNanos() {
    long n = nanos;
    nanos = 0;
    return n;
  }

  private synchronized void add(long since) {
    nanos += System.nanoTime() - since;
  }

  @Override
  public boolean create(RunRecord record) throws IOException {
    long t = System.nanoTime();
    try {
      return target.create(record);
    } finally {
      add(t);
    }
  }

  @Override
  public void update(RunRecord next) throws IOException {
    long t = System.nanoTime();
    try {
      target.update(next);
    } finally {
      add(t);
    }
  }

  @Override
  public Optional<RunRecord> get(String id) throws IOException {
    long t = System.nanoTime();
    try {
      return target.get(id);
    } finally {
      add(t);
    }
  }

  @Override
  public List<RunRecord> all() throws IOException {
    long t = System.nanoTime();
    try {
      return target.all();
    } finally {
      add(t);
    }
  }

  @Override
  public List<RunRecord> forRepo(String repo) throws IOException {
    long t = System.nanoTime();
    try {
      return target.forRepo(repo);
    } finally {
      add(t);
    }
  }

  @Override
  public List<RunRecord> page(RunQuery query) throws IOException {
    long t = System.nanoTime();
    try {
      return target.page(query);
    } finally {
      add(t);
    }
  }
}
