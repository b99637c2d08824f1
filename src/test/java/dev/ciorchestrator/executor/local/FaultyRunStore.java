package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run store whose disk fills up: its updates fail with "No space left on device" (the next {@code
 * n}, or all until {@link #heal}), as a full or read-only disk makes them fail. Tests run as root,
 * so a read-only folder cannot make a real store fail.
 */
final class FaultyRunStore implements RunStore {
  private final RunStore real;
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicBoolean broken = new AtomicBoolean();
  private final AtomicInteger failed = new AtomicInteger();

  FaultyRunStore(RunStore real) {
    this.real = real;
  }

  /** The next {@code n} updates fail. */
  FaultyRunStore failNext(int n) {
    failNext.set(n);
    return this;
  }

  /** Every update fails until {@link #heal}. */
  FaultyRunStore breakDown() {
    broken.set(true);
    return this;
  }

  void heal() {
    broken.set(false);
    failNext.set(0);
  }

  /** How many updates failed so far. */
  int failed() {
    return failed.get();
  }

  @Override
  public boolean create(RunRecord record) throws IOException {
    return real.create(record);
  }

  @Override
  public void update(RunRecord next) throws IOException {
    if (broken.get() || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failed.incrementAndGet();
      throw new IOException("No space left on device");
    }
    real.update(next);
  }

  @Override
  public Optional<RunRecord> get(String id) throws IOException {
    return real.get(id);
  }

  @Override
  public List<RunRecord> all() throws IOException {
    return real.all();
  }
}
