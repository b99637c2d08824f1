package dev.ciorchestrator.run.file;

import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's one run store and its logs. Records: the files under {@code
 * ci.executor.local.work-dir}, where they have always been. One store: two on one folder would each
 * cache only their own writes.
 */
@ApplicationScoped
public class FileStoreProducer {
  @Produces
  @Singleton
  RunStore runStore(
      @ConfigProperty(name = "ci.executor.local.work-dir", defaultValue = ".ci-orchestrator/runs")
          Path workDir) {
    try {
      return new FileRunStore(workDir.resolve("records"));
    } catch (IOException e) {
      // a damaged record must stop the service: skipping it could start that run twice
      throw new UncheckedIOException("cannot open the run records: " + e.getMessage(), e);
    }
  }

  /** The logs where each run's executor writes them. */
  @Produces
  @Singleton
  RunLogs runLogs(Executor executor) {
    return new FileRunLogs(executor::logFile);
  }
}
