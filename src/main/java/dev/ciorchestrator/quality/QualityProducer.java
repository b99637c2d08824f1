package dev.ciorchestrator.quality;

import dev.ciorchestrator.cache.CacheEvents;
import dev.ciorchestrator.cache.CacheService;
import dev.ciorchestrator.cache.CacheStore;
import dev.ciorchestrator.cache.Eviction;
import dev.ciorchestrator.executor.RunHooks;
import dev.ciorchestrator.reports.ReportLimits;
import dev.ciorchestrator.reports.ReportReader;
import dev.ciorchestrator.reports.ReportStore;
import dev.ciorchestrator.run.wiring.StoreProducer;
import dev.ciorchestrator.run.wiring.StoreSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jboss.logging.Logger;

/** The report store, the caches and the executors' {@link RunHooks} over both. */
@ApplicationScoped
public class QualityProducer {
  private static final Logger LOG = Logger.getLogger(QualityProducer.class);

  /** Beside the reports: what running runs still need done, for the adopter after a restart. */
  static final String IN_FLIGHT = "in-flight";

  @Produces
  @Singleton
  ReportStore reportStore(
      QualitySettings settings, StoreSettings store, Instance<StoreProducer> database) {
    if (store.kind() == StoreSettings.Kind.POSTGRES) {
      return ReportStore.inDatabase(database.get().database());
    }
    try {
      return new ReportStore(settings.reports().dir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open ci.reports.dir: " + e.getMessage(), e);
    }
  }

  @Produces
  @Singleton
  CacheService caches(QualitySettings settings, Clock clock, CacheEvents events) {
    try {
      CacheStore store = new CacheStore(settings.cache().dir(), clock);
      return new CacheService(
          store,
          new Eviction(store, clock),
          events,
          settings.cache().maxSize().asLongValue(),
          settings.cache().maxAge());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open ci.cache.dir: " + e.getMessage(), e);
    }
  }

  /** {@code GOVULNDB} from {@code ci.recipes.govulndb}, absolute: jobs run in other folders. */
  public static Map<String, String> runEnv(QualitySettings.Recipes recipes) {
    return recipes
        .govulndb()
        .map(
            db -> {
              Path folder = db.toAbsolutePath().normalize();
              if (!Files.isDirectory(folder)) {
                LOG.warnf(
                    "ci.recipes.govulndb: %s is not a folder (yet); go/vulncheck fails until it is",
                    folder);
              }
              return Map.of("GOVULNDB", folder.toString());
            })
        .orElse(Map.of());
  }

  @Produces
  @Singleton
  RunHooks hooks(QualitySettings settings, CacheService caches, ReportStore reports) {
    QualitySettings.Reports r = settings.reports();
    ReportLimits limits =
        new ReportLimits(
            r.maxFileSize().asLongValue(),
            r.maxRunSize().asLongValue(),
            ReportLimits.DEFAULT.files(),
            ReportLimits.DEFAULT.cases());
    try {
      return new QualityHooks(
          caches,
          new ReportReader(limits),
          reports,
          r.dir().resolve(IN_FLIGHT),
          runEnv(settings.recipes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open ci.reports.dir: " + e.getMessage(), e);
    }
  }
}
