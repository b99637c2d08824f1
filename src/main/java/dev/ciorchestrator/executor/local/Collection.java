package dev.ciorchestrator.executor.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * A run's collection {@link RunArtifacts.Request} (its {@code artifacts:} block and what the run
 * received), kept in {@code <workDir>/collect/<runId>} from its start until its workspace goes:
 * outside the workspace, so the job cannot change what is collected or how, and on disk, so an
 * orchestrator that adopts the run after a restart collects what the job left the same way.
 */
final class Collection {
  private static final Logger LOG = Logger.getLogger(Collection.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path dir;
  private volatile RunArtifacts artifacts = RunArtifacts.NONE;

  Collection(Path workDir) {
    this.dir = workDir.resolve("collect");
  }

  void use(RunArtifacts artifacts) {
    this.artifacts = artifacts;
  }

  RunArtifacts artifacts() {
    return artifacts;
  }

  void remember(String runId, RunArtifacts.Request request) throws IOException {
    if (!request.artifacts().any()) {
      return;
    }
    Files.createDirectories(dir);
    AtomicFiles.replace(dir.resolve(runId), JSON.writeValueAsBytes(request));
  }

  /**
   * Collects a run that exited 0; empty when done (or nothing to collect), else why it fails.
   *
   * @param imageDigest the digest of the image the run used, given its name
   */
  Optional<String> collect(String runId, Path workspace, UnaryOperator<String> imageDigest) {
    RunArtifacts.Request request;
    try {
      request = JSON.readValue(Files.readAllBytes(dir.resolve(runId)), RunArtifacts.Request.class);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("artifacts: cannot read what to collect: " + e.getMessage());
    }
    if (!request.image().isEmpty() && request.imageDigest().isEmpty()) {
      request = request.withImageDigest(imageDigest.apply(request.image()));
    }
    return artifacts.collect(runId, workspace, request);
  }

  void forget(String runId) {
    try {
      Files.deleteIfExists(dir.resolve(runId));
    } catch (IOException e) {
      LOG.warnf("cannot delete the artifact paths of %s: %s", runId, e.getMessage());
    }
  }
}
