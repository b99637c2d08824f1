package dev.ciorchestrator.executor.kubernetes;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * The one wrapper of a job container's command, for pods with utilities beside the job's container
 * (the {@code cache-save} container of {@link CacheVolumes}, the {@code upload} sidecar of {@link
 * UploadSidecar}): the job's own command runs as a child, its output is also written to {@link
 * #LOG_FILE} when the pod uploads it, and its exit code (even a kill of the script, 137) goes to
 * {@link #EXIT_FILE} in one shared {@code emptyDir}, which every utility beside the job waits for.
 * The marker is written whole (rename), so a utility never reads half of it.
 */
final class JobWrapper {
  static final String VOLUME = "done";
  static final String PATH = "/ci-done";
  static final String EXIT_FILE = PATH + "/exit-code";
  static final String LOG_FILE = PATH + "/log";

  // The command is arguments ("$@"), never spliced in. Without pipefail PIPESTATUS[0] is the job's
  // own code when the log is teed.
  private static final String MARK =
      "echo \"$code\" > %1$s.tmp && mv %1$s.tmp %1$s\nexit \"$code\"\n".formatted(EXIT_FILE);
  static final String PLAIN = "\"$@\"\ncode=$?\n" + MARK;
  static final String LOGGED =
      "\"$@\" 2>&1 | tee -a " + LOG_FILE + "\ncode=${PIPESTATUS[0]}\n" + MARK;

  private JobWrapper() {}

  /**
   * The job container's command inside the wrapper.
   *
   * @param log whether its output is also kept for the upload sidecar
   */
  static List<String> wrap(List<String> command, boolean log) {
    List<String> wrapped =
        new ArrayList<>(
            List.of("/bin/bash", "--noprofile", "--norc", "-c", log ? LOGGED : PLAIN, "ci-job"));
    wrapped.addAll(command);
    return wrapped;
  }

  static Volume volume() {
    return new VolumeBuilder().withName(VOLUME).withNewEmptyDir().endEmptyDir().build();
  }

  /** The job's container writes here; the utilities beside it only read. */
  static VolumeMount mount(boolean readOnly) {
    return JobRenderer.mount(VOLUME, PATH, readOnly);
  }
}
