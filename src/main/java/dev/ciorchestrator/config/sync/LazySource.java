package dev.ciorchestrator.config.sync;

import dev.ciorchestrator.config.loading.ConfigSource;
import dev.ciorchestrator.config.model.ConfigFile;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Opens the real source on first use, and again on every use until it opens. A config folder that
 * is missing at startup (a volume mounted late, a typo being fixed) then shows as a sync error in
 * the API instead of stopping the service, and needs no restart once it is there.
 */
final class LazySource implements ConfigSource, Closeable {
  /** Opens the source; may fail, and is then tried again at the next use. */
  @FunctionalInterface
  interface Opener {
    ConfigSource open() throws IOException;
  }

  private final Opener opener;
  private final String fallbackDescription;
  private ConfigSource opened;

  LazySource(Opener opener, String fallbackDescription) {
    this.opener = opener;
    this.fallbackDescription = fallbackDescription;
  }

  @Override
  public String resolve() throws IOException {
    return opened().resolve();
  }

  @Override
  public List<ConfigFile> read(String revision) throws IOException {
    return opened().read(revision);
  }

  @Override
  public synchronized String describe() {
    return opened == null ? fallbackDescription : opened.describe();
  }

  @Override
  public synchronized void close() throws IOException {
    if (opened instanceof Closeable closeable) {
      closeable.close();
    }
  }

  private synchronized ConfigSource opened() throws IOException {
    if (opened == null) {
      try {
        opened = opener.open();
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    return opened;
  }
}
