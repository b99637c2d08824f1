package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.config.sync.ConfigSyncService;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * Owns the service's one {@link LocalForgeStore}: two stores on one file would each publish only
 * their own writes, so everything in the service must share this one.
 */
@ApplicationScoped
public class LocalForgeProducer {
  @Produces
  @Singleton
  LocalForgeStore store(LocalForgeSettings settings, Clock clock) {
    try {
      return new LocalForgeStore(settings.stateFile(), clock);
    } catch (IOException e) {
      // A damaged file must stop the forge, not be replaced: that would delete every change.
      throw new UncheckedIOException("cannot open the local forge: " + e.getMessage(), e);
    }
  }

  /**
   * The local forge as the reconcile loop's {@link dev.ciorchestrator.forge.Forge}; it reads trust
   * and approval settings from the config snapshot running at each listing.
   */
  @Produces
  @Singleton
  LocalForge forge(
      LocalForgeStore store, LocalForgeSettings settings, Clock clock, ConfigSyncService config) {
    return new LocalForge(
        store,
        settings.reposDir(),
        settings.bot(),
        clock,
        repo -> config.current().repository(repo));
  }

  /**
   * Made at startup, so a user's generated token file exists before their first request and a
   * setting that cannot work stops the service with its name instead of refusing every write.
   */
  @Produces
  @Singleton
  @Startup
  UserTokens tokens(LocalForgeSettings settings) {
    return Accounts.load(settings);
  }
}
