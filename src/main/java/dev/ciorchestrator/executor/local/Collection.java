package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A run's {@code artifacts.paths}, kept in {@code <workDir>/collect/<runId>} from its start until
 * its workspace goes: outside the workspace, so the job cannot change what is collected, and on
 * disk, so an orchestrator that adopts the run after a restart collects what the job left too.
 */
final class Collection {
  private static final Logger LOG = Logger.getLogger(Collection.class);

  private final Path dir;
  private volatile RunArtifacts artifacts = RunArtifacts.NONE;

  Collection(Path workDir) {
    this.dir = workDir.resolve("collect");
  }

  void use(RunArtifacts artifacts) {
    this.artifacts = artifacts;
  }

  void remember(String runId, List<String> globs) throws IOException {
    if (globs.isEmpty()) {
      return;
    }
    Files.createDirectories(dir);
    AtomicFiles.replace(
        dir.resolve(runId), String.join("\n", globs).getBytes(StandardCharsets.UTF_8));
  }

  /** Collects a run that exited 0; empty when done (or nothing to collect), else why it fails. */
  Optional<String> collect(String runId, Path workspace) {
    List<String> globs;
    try {
      globs =
          Files.readString(dir.resolve(runId), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank())
              .toList();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("artifacts: cannot read what to collect: " + e.getMessage());
    }
    return artifacts.collect(runId, workspace, globs);
  }

  void forget(String runId) {
    try {
      Files.deleteIfExists(dir.resolve(runId));
    } catch (IOException e) {
      LOG.warnf("cannot delete the artifact paths of %s: %s", runId, e.getMessage());
    }
  }
}
