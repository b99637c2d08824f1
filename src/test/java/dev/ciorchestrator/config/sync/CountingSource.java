package dev.ciorchestrator.config.sync;

import dev.ciorchestrator.config.loading.ConfigSource;
import dev.ciorchestrator.config.model.ConfigFile;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts how often a real source is read, to prove that a known SHA is not read again. */
final class CountingSource implements ConfigSource {
  private final ConfigSource delegate;
  private final AtomicInteger reads = new AtomicInteger();

  CountingSource(ConfigSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public String resolve() throws IOException {
    return delegate.resolve();
  }

  @Override
  public List<ConfigFile> read(String revision) throws IOException {
    reads.incrementAndGet();
    return delegate.read(revision);
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  int reads() {
    return reads.get();
  }
}
