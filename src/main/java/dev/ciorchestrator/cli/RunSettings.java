package dev.ciorchestrator.cli;

import dev.ciorchestrator.artifact.ArtifactSettings;
import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Artifacts;
import dev.ciorchestrator.config.model.ExecutorKind;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.executor.ExecutorSettings;
import dev.ciorchestrator.executor.container.ContainerLauncher;
import dev.ciorchestrator.executor.container.ContainerSettings;
import dev.ciorchestrator.executor.local.ProcessLauncher;
import dev.ciorchestrator.executor.process.Launcher;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.quality.QualityProducer;
import dev.ciorchestrator.quality.QualitySettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The deployment's executor settings ({@code ci.executor.*}) as the service would read them, so
 * {@code run} starts a job the way the service does: on the job's executor (or the deployment's
 * default), and in a container with the same engine, runtime, network and pull policy. Read from
 * the same places as the service: system properties, environment variables, {@code
 * config/application.properties} in the working directory, then the jar's defaults.
 */
final class RunSettings {
  private static final int JAR_DEFAULTS = 250;
  private static final int WORKING_DIR = 260;

  private final ExecutorSettings executors;
  private final ContainerSettings containers;
  private final ArtifactSettings artifacts;
  private final Map<String, String> runEnv;

  private RunSettings(SmallRyeConfig config) {
    this.executors = config.getConfigMapping(ExecutorSettings.class);
    this.containers = config.getConfigMapping(ContainerSettings.class);
    this.artifacts = config.getConfigMapping(ArtifactSettings.class);
    this.runEnv = QualityProducer.runEnv(config.getConfigMapping(QualitySettings.class).recipes());
  }

  static RunSettings load() throws IOException {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .addDefaultSources()
            .addDefaultInterceptors()
            .withProfile("prod")
            // the service's way of writing durations ("2s"), which plain SmallRye Config lacks
            .withConverter(Duration.class, 200, new DurationConverter())
            .withConverter(MemorySize.class, 200, new MemorySizeConverter())
            .withMapping(ExecutorSettings.class)
            .withMapping(ContainerSettings.class)
            .withMapping(ArtifactSettings.class)
            .withMapping(QualitySettings.class)
            .withValidateUnknown(false);
    URL defaults = RunSettings.class.getClassLoader().getResource("application.properties");
    if (defaults != null) {
      builder.withSources(new PropertiesConfigSource(defaults, JAR_DEFAULTS));
    }
    Path local = Path.of("config", "application.properties");
    if (Files.isRegularFile(local)) {
      builder.withSources(new PropertiesConfigSource(local.toUri().toURL(), WORKING_DIR));
    }
    return new RunSettings(builder.build());
  }

  /** The limits of {@code ci.artifacts.*}: a pipeline run here is held to the service's quotas. */
  ArtifactStore.Limits artifactLimits() {
    return Artifacts.limits(artifacts);
  }

  /**
   * What every run gets from the deployment beneath its own env, as the service's executors give
   * it: {@code GOVULNDB} from {@code ci.recipes.govulndb}.
   */
  Map<String, String> runEnv() {
    return runEnv;
  }

  /** Where {@code job} runs: its own {@code executor:}, else the deployment's default. */
  ExecutorKind executorOf(Job job) {
    return job.executor() != null ? job.executor() : executors.defaultExecutor();
  }

  /**
   * How {@code run} starts the job on this machine: bash for {@code process}; a container of the
   * job's image for {@code container}, and for {@code kubernetes}, whose pod runs that image too.
   */
  Launcher launcherFor(Job job) {
    return executorOf(job) == ExecutorKind.PROCESS
        ? new ProcessLauncher(new ProcessRunner())
        : new ContainerLauncher(containers.toEngine());
  }
}
