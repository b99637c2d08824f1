package dev.ciorchestrator.upload;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a run's pod uploaded, as the executor takes it when the run ends.
 *
 * @param workspace the uploaded files at their workspace paths (artifacts, reports, {@code
 *     sbom-components.yaml}), for the same collection and report reading as a local workspace
 * @param log the job container's output, if it was uploaded
 * @param done what the sidecar said when it finished; empty if it never did (it died, or the pod
 *     was stopped), so the upload is incomplete
 */
public record StagedRun(Path workspace, Optional<Path> log, Optional<Done> done) {
  /**
   * The sidecar's last word.
   *
   * @param exitCode the job container's exit code, from its marker file
   * @param refused why the artifacts were not uploaded (a link out of the workspace), or empty
   */
  public record Done(int exitCode, String refused) {
    public Done {
      refused = refused == null ? "" : refused;
    }
  }
}
