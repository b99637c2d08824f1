package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.executor.RunHooks;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.upload.StagedRun;
import dev.ciorchestrator.upload.UploadStaging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What a Kubernetes run handed back through its sidecar, taken in when its end is decided and
 * before it is recorded, with the same code as a local run's workspace: {@link
 * RunArtifacts#collect} (store, manifest, SBOM, provenance, signatures, publish) after a success,
 * {@link RunHooks#afterRun} (reports) whatever the result. The uploaded log replaces the copy of
 * the pod's, since it is whole even when the pod is gone.
 *
 * <p>Taken in once: a replica that does not lead (the shared staging refuses it with {@link
 * WriteFence.NotLeading}) neither takes a run's uploads in nor deletes them, and leaves the run to
 * the leader, which takes it in from the same staged rows; the run's end is then recorded once, by
 * compare-and-set. Never waits: the pod has ended when its end is decided, so a sidecar that did
 * not say {@code done} by then never will, and the run ends saying so.
 */
final class Handback {
  private static final Logger LOG = Logger.getLogger(Handback.class);

  /** How the run ends after its hand-back. */
  record Ended(RunState state, String message, RunResults results) {}

  static final Handback NONE = new Handback(null, RunArtifacts.NONE, RunHooks.NONE);

  private final UploadStaging staging;
  private final RunArtifacts artifacts;
  private final RunHooks hooks;

  Handback(UploadStaging staging, RunArtifacts artifacts, RunHooks hooks) {
    this.staging = staging;
    this.artifacts = artifacts;
    this.hooks = hooks;
  }

  /**
   * @param spec the run's job, if still known (a run adopted after a restart whose job left the
   *     config has none: nothing is taken in, and the run says so)
   * @param imageDigest {@code sha256:<hex>} of the image the job container ran, or empty
   */
  Ended settle(
      RunRecord running,
      Optional<RunSpec> spec,
      RunState state,
      String message,
      Path logFile,
      String imageDigest) {
    Ended as = new Ended(state, message, RunResults.NONE);
    if (staging == null || state == RunState.ABORTED) {
      return as;
    }
    try {
      if (spec.isEmpty() || !UploadSidecar.wanted(spec.get().job())) {
        return as;
      }
      return takeIn(
          running, spec.get(), new Ended(state, message, RunResults.NONE), logFile, imageDigest);
    } catch (WriteFence.NotLeading e) {
      LOG.infof("run %s ended; the leader takes in its uploads (%s)", running.id(), e.getMessage());
      return as; // recording it is refused here too: the leader records it
    } catch (IOException | RuntimeException e) {
      LOG.errorf(e, "run %s: taking in what its pod uploaded failed", running.id());
      return state == RunState.SUCCESS
          ? new Ended(
              RunState.ERROR, "taking in the run's uploads failed: " + e.getMessage(), as.results())
          : as;
    }
  }

  private Ended takeIn(
      RunRecord running, RunSpec spec, Ended decided, Path logFile, String imageDigest)
      throws IOException {
    RunState state = decided.state();
    String message = decided.message();
    StagedRun staged = staging.staged(running.id());
    staged.restoreModes();
    if (staged.log().isPresent()) {
      Files.createDirectories(logFile.getParent());
      Path part = logFile.resolveSibling(logFile.getFileName() + ".uploaded");
      Files.copy(staged.log().get(), part, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          part, logFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    Job job = spec.job();
    if (state == RunState.SUCCESS && staged.done().isEmpty()) {
      state = RunState.ERROR;
      message = "the upload sidecar did not finish: the run's artifacts and reports are missing";
    } else if (state == RunState.SUCCESS && !staged.done().get().refused().isEmpty()) {
      state = RunState.FAILURE; // the job's own doing (a link out of the workspace), as locally
      message = staged.done().get().refused();
    } else if (state == RunState.SUCCESS && job.pipeline().artifacts().any()) {
      Optional<String> refused =
          artifacts.collect(
              running.id(),
              staged.workspace(),
              new RunArtifacts.Request(
                  job.pipeline().artifacts(),
                  spec.trustedAuthor(),
                  job.image(),
                  List.of(),
                  imageDigest));
      if (refused.isPresent()) {
        state = RunState.FAILURE;
        message = refused.get();
      }
    }
    RunResults results = hooks.afterRun(running, spec, staged.workspace(), state);
    return new Ended(state, message, results);
  }

  /** The run's end is recorded: its uploads go, whatever happened. */
  void forget(String runId) {
    if (staging == null) {
      return;
    }
    try {
      staging.delete(runId);
    } catch (WriteFence.NotLeading e) {
      LOG.debugf("run %s: its uploads stay for the leader: %s", runId, e.getMessage());
    } catch (IOException e) {
      LOG.warnf("run %s: cannot delete its uploads: %s", runId, e.getMessage());
    }
  }
}
