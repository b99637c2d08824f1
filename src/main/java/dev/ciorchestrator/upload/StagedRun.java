package dev.ciorchestrator.upload;

import dev.ciorchestrator.artifact.FileModes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
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
   * @param modes the permission bits of the uploaded files whose mode is not {@code 0644}, by
   *     workspace path, as the sidecar read them in the pod: an executable stays one
   */
  public record Done(int exitCode, String refused, Map<String, Integer> modes) {
    /** At most this many modes: far more files than a run's quota holds in practice. */
    static final int MAX_MODES = 100_000;

    public Done {
      refused = refused == null ? "" : refused;
      modes = modes == null ? Map.of() : Map.copyOf(modes);
      if (modes.size() > MAX_MODES) {
        throw new IllegalArgumentException("modes: more than " + MAX_MODES + " files");
      }
      modes.forEach(
          (path, mode) -> {
            if (mode == null || mode < 0 || mode > 0777) {
              throw new IllegalArgumentException(
                  "modes: \"" + path + "\": " + mode + " is not a permission mode (0 to 0777)");
            }
          });
    }

    public Done(int exitCode, String refused) {
      this(exitCode, refused, Map.of());
    }
  }

  /**
   * Gives the uploaded files the modes the sidecar read in the pod, before they are collected: an
   * upload arrives as bytes, so without this an executable would be stored as a plain file. Paths
   * that are not uploaded files (or not plain workspace paths) are passed over.
   */
  public void restoreModes() throws IOException {
    if (done.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Integer> e : done.get().modes().entrySet()) {
      Path file;
      try {
        file = UploadPaths.under(workspace, e.getKey());
      } catch (UploadRefused notAWorkspacePath) {
        continue; // refused when it was said (Uploads.done); only an old staging could hold one
      }
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        FileModes.set(file, e.getValue());
      }
    }
  }
}
