package dev.ciorchestrator.run.wiring;

import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.LeaderDirectory;
import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.WatermarkSource;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.file.FileControllerMemory;
import dev.ciorchestrator.run.file.FileDeliveryStore;
import dev.ciorchestrator.run.file.FileRunLogs;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import dev.ciorchestrator.run.postgres.LogShipper;
import dev.ciorchestrator.run.postgres.PostgresControllerMemory;
import dev.ciorchestrator.run.postgres.PostgresDeliveryStore;
import dev.ciorchestrator.run.postgres.PostgresLeaderDirectory;
import dev.ciorchestrator.run.postgres.PostgresRunLogs;
import dev.ciorchestrator.run.postgres.PostgresRunStore;
import dev.ciorchestrator.run.postgres.PostgresWatermarks;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * The service's one run store, its logs and the controller's memory (watermarks, answers told,
 * refused merges, merge queues), of the kind {@code ci.store.kind} names. One store: two file
 * stores on one folder would each cache only their own writes. The database is touched only for
 * {@code postgres}: its schema is migrated here, before the first read.
 */
@ApplicationScoped
public class StoreProducer {
  private static final Logger LOG = Logger.getLogger(StoreProducer.class);
  private final StoreSettings settings;
  private final Instance<DataSource> dataSources;
  private final Instance<Flyway> flyways;
  private volatile DataSource db;
  private LogShipper shipper; // guarded by this
  private PostgresRunLogs pgLogs; // guarded by this

  public StoreProducer(
      StoreSettings settings, Instance<DataSource> dataSources, Instance<Flyway> flyways) {
    this.settings = settings;
    this.dataSources = dataSources;
    this.flyways = flyways;
  }

  /**
   * Closed from the start when this replica takes part in an election ({@code ci.store.leader-lock}
   * or {@code ci.leader-election.enabled}), which opens it while it leads.
   */
  @Produces
  @Singleton
  WriteFence writeFence(Config config) {
    boolean lease =
        config.getOptionalValue("ci.leader-election.enabled", Boolean.class).orElse(false);
    return settings.leaderLock() || lease ? WriteFence.closed() : WriteFence.open();
  }

  @Produces
  @Singleton
  RunStore runStore(Config config, WriteFence fence, Instance<Executor> executor) {
    // where the local executors keep their runs (LocalExecutorSettings), read here to stay apart
    Path workDir =
        config
            .getOptionalValue("ci.executor.local.work-dir", Path.class)
            .orElse(Path.of(".ci-orchestrator/runs"));
    if (settings.kind() == StoreSettings.Kind.POSTGRES) {
      PostgresRunStore store = new PostgresRunStore(database(), fence);
      // looked up when a run ends, by which time the executor (which needs this store) exists
      store.beforeEnd(id -> shipper(executor.get()).flush(id));
      return store;
    }
    try {
      // the logs retention deletes with their runs, asked of the executor only then
      // the whole reports of runs (reports.ReportStore: <ci.reports.dir>/<id>.json) go with them
      Path reports =
          config
              .getOptionalValue("ci.reports.dir", Path.class)
              .orElse(Path.of(".ci-orchestrator/reports"));
      return new FileRunStore(
          workDir.resolve("records"),
          id ->
              Stream.of(executor.get().logFile(id), reports.resolve(id + ".json"))
                  .filter(Objects::nonNull)
                  .toList());
    } catch (IOException e) {
      // a damaged record must stop the service: skipping it could start that run twice
      throw new UncheckedIOException("cannot open the run records: " + e.getMessage(), e);
    }
  }

  /**
   * The logs where each run's executor writes them; with {@code postgres}, in the database, where a
   * shipper copies the files of the runs this replica executes as they grow.
   */
  @Produces
  @Singleton
  RunLogs runLogs(Executor executor, RunEvents events) {
    FileRunLogs files = new FileRunLogs(executor::logFile);
    if (settings.kind() != StoreSettings.Kind.POSTGRES) {
      return files;
    }
    events.register(shipper(executor)::changed);
    return logs();
  }

  /**
   * Made at startup, so the shipper hears of every run from the first: a replica's first reader of
   * a log could come long after its runs began.
   */
  void eager(@Observes StartupEvent event, RunLogs logs) {
    LOG.debugf("run logs: %s", logs.getClass().getSimpleName());
  }

  private synchronized PostgresRunLogs logs() {
    if (pgLogs == null) {
      pgLogs = new PostgresRunLogs(database(), settings.logMaxBytes());
    }
    return pgLogs;
  }

  private synchronized LogShipper shipper(Executor executor) {
    if (shipper == null) {
      shipper = new LogShipper(executor::logFile, logs()).start();
    }
    return shipper;
  }

  /** Where the leader answers: in the shared store, or nowhere (the file store is not shared). */
  @Produces
  @Singleton
  LeaderDirectory leaderDirectory(Clock clock) {
    if (settings.kind() == StoreSettings.Kind.POSTGRES) {
      return new PostgresLeaderDirectory(database(), clock);
    }
    return LeaderDirectory.NONE;
  }

  @Produces
  @Singleton
  WatermarkSource watermarks(Config config) {
    Path stateFile = stateFile(config);
    if (settings.kind() == StoreSettings.Kind.POSTGRES) {
      DataSource database = database();
      return () -> new PostgresWatermarks(database);
    }
    return () -> new FileWatermarks(stateFile);
  }

  /**
   * The controller's memory (answers told, merges refused): beside the watermarks, in {@code
   * memory.json} in their folder, or in the database.
   */
  @Produces
  @Singleton
  ControllerMemory.Source memory(Config config, WriteFence fence, Clock clock) {
    if (settings.kind() == StoreSettings.Kind.POSTGRES) {
      DataSource database = database();
      return () -> new PostgresControllerMemory(database, fence, clock);
    }
    Path file = stateFile(config).resolveSibling("memory.json");
    return () -> new FileControllerMemory(file, fence, clock);
  }

  /**
   * The callback deliveries waiting to be sent: beside the watermarks, in {@code callbacks.json},
   * or in the database.
   */
  @Produces
  @Singleton
  DeliveryStore deliveries(Config config, WriteFence fence) {
    if (settings.kind() == StoreSettings.Kind.POSTGRES) {
      return new PostgresDeliveryStore(database(), fence);
    }
    Path file = stateFile(config).resolveSibling("callbacks.json");
    try {
      return new FileDeliveryStore(file, fence);
    } catch (IOException e) {
      // a damaged queue must stop the service, as a damaged run record does, naming the file
      throw new UncheckedIOException(e);
    }
  }

  /** The reconcile loop's file (ReconcileSettings), read here to stay apart from runtime/. */
  static Path stateFile(Config config) {
    return config
        .getOptionalValue("ci.reconcile.state-file", Path.class)
        .orElse(Path.of(".ci-orchestrator/watermarks.json"));
  }

  /**
   * The migrated datasource; fails naming the settings when it is not configured. Public for the
   * other memories kept in the same store (the merge queues, runtime/QueueStores).
   */
  public synchronized DataSource database() {
    if (db == null) {
      try {
        DataSource ds = dataSources.get();
        flyways.get().migrate();
        db = ds;
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "ci.store.kind=postgres needs the database: set quarkus.datasource.jdbc.url (and"
                + " quarkus.datasource.username, quarkus.datasource.password); "
                + e.getMessage(),
            e);
      }
    }
    return db;
  }

  @PreDestroy
  synchronized void stop() {
    if (shipper != null) {
      shipper.close();
    }
  }
}
