package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.domain.RunState;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The pure mapping from a Job and its pods, as the informers last saw them, to the run state they
 * mean (Argo CD's health checks, plank's one handler per state). Reasons are written for the person
 * reading the commit status: what went wrong, in their terms.
 */
public final class JobStatusMapper {
  /**
   * @param state where the run is now: pending, running or terminal
   * @param message for the run record; empty for pending, running and success
   * @param baseSha the commit the init container checked out as the base, or ""
   */
  public record Observed(RunState state, String message, String baseSha) {}

  // The kubelet keeps retrying these, so the Job would only end at its deadline: they are ours to
  // end, as infrastructure errors (the job's config or the cluster, not the change, is wrong).
  private static final Set<String> IMAGE =
      Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");
  private static final Set<String> CONFIG =
      Set.of("CreateContainerConfigError", "CreateContainerError", "RunContainerError");

  private JobStatusMapper() {}

  public static Observed observe(Job job, List<Pod> pods) {
    String baseSha =
        pods.stream()
            .map(JobStatusMapper::baseSha)
            .filter(s -> !s.isEmpty())
            .findFirst()
            .orElse("");
    Optional<JobCondition> done = condition(job, "Complete").or(() -> condition(job, "Failed"));
    if (done.isPresent() && done.get().getType().equals("Complete")) {
      return new Observed(RunState.SUCCESS, "", baseSha);
    }
    if (done.isPresent()) {
      return new Observed(failedState(done.get(), pods), failure(job, done.get(), pods), baseSha);
    }
    for (Pod pod : pods) {
      Optional<String> stuck = stuck(pod);
      if (stuck.isPresent()) {
        return new Observed(RunState.ERROR, stuck.get(), baseSha);
      }
    }
    boolean started =
        pods.stream()
            .anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
    return new Observed(started ? RunState.RUNNING : RunState.PENDING, "", baseSha);
  }

  private static RunState failedState(JobCondition failed, List<Pod> pods) {
    if ("DeadlineExceeded".equals(failed.getReason())) {
      return RunState
          .FAILURE; // a hanging test is the change's fault, as under the process executor
    }
    if (terminated(pods, JobRenderer.INIT).filter(t -> exit(t) != 0).isPresent()) {
      return RunState.ERROR;
    }
    if (terminated(pods, UpstreamFetch.NAME).filter(t -> exit(t) != 0).isPresent()) {
      return RunState.FAILURE; // as locally: a job never builds on what its upstream did not make
    }
    Optional<ContainerStateTerminated> main = terminated(pods, JobRenderer.MAIN);
    if (main.isPresent() && exit(main.get()) != 0) {
      return RunState.FAILURE;
    }
    return RunState.ERROR; // evicted, node lost, deleted pod: the run never got its answer
  }

  private static String failure(Job job, JobCondition failed, List<Pod> pods) {
    if ("DeadlineExceeded".equals(failed.getReason())) {
      Long deadline = job.getSpec() == null ? null : job.getSpec().getActiveDeadlineSeconds();
      return deadline == null ? "timed out" : "timed out after " + human(deadline);
    }
    Optional<ContainerStateTerminated> init =
        terminated(pods, JobRenderer.INIT).filter(t -> exit(t) != 0);
    if (init.isPresent()) {
      String why = oneLine(init.get().getMessage(), "exit code " + exit(init.get()));
      // a merge conflict reads as under every other executor; anything else is the init's trouble
      return why.contains(" does not merge cleanly into ")
          ? why
          : "could not prepare the workspace: " + why;
    }
    Optional<ContainerStateTerminated> fetch =
        terminated(pods, UpstreamFetch.NAME).filter(t -> exit(t) != 0);
    if (fetch.isPresent()) {
      return "could not receive the artifacts of the jobs it needs: "
          + oneLine(fetch.get().getMessage(), "exit code " + exit(fetch.get()));
    }
    Optional<ContainerStateTerminated> main = terminated(pods, JobRenderer.MAIN);
    if (main.isPresent() && exit(main.get()) != 0) {
      String message = "exit code " + exit(main.get());
      return "OOMKilled".equals(main.get().getReason())
          ? message + ": out of memory (OOMKilled)"
          : message;
    }
    Optional<ContainerStateTerminated> upload =
        terminated(pods, UploadSidecar.NAME).filter(t -> exit(t) != 0);
    if (upload.isPresent()) {
      // the job itself succeeded: what it made could not be handed back, an infrastructure error
      return "the upload sidecar failed, so the run's artifacts and reports are missing: "
          + oneLine(upload.get().getMessage(), "exit code " + exit(upload.get()));
    }
    String reason =
        pods.stream()
            .map(p -> p.getStatus() == null ? null : p.getStatus().getReason())
            .filter(r -> r != null)
            .findFirst()
            .orElse(failed.getReason());
    String detail = oneLine(failed.getMessage(), "");
    return "the Job failed without a result from the job's container"
        + (reason == null ? "" : " (" + reason + ")")
        + (detail.isEmpty() ? "" : ": " + detail);
  }

  /** A container the kubelet cannot start, and will not start without someone fixing it. */
  private static Optional<String> stuck(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    for (ContainerStatus status : statuses(pod)) {
      ContainerStateWaiting waiting =
          status.getState() == null ? null : status.getState().getWaiting();
      if (waiting == null || waiting.getReason() == null) {
        continue;
      }
      String detail = oneLine(waiting.getMessage(), "");
      String tail = detail.isEmpty() ? "" : ": " + detail;
      String which = status.getName().equals(JobRenderer.INIT) ? "init image " : "image ";
      if (IMAGE.contains(waiting.getReason())) {
        return Optional.of(
            "%s%s cannot be pulled (%s)%s"
                .formatted(which, status.getImage(), waiting.getReason(), tail));
      }
      if (CONFIG.contains(waiting.getReason())) {
        return Optional.of(
            "container %s cannot be created (%s)%s"
                .formatted(status.getName(), waiting.getReason(), tail));
      }
    }
    return Optional.empty();
  }

  private static String baseSha(Pod pod) {
    return terminated(List.of(pod), JobRenderer.INIT)
        .filter(t -> exit(t) == 0 && t.getMessage() != null)
        .map(t -> t.getMessage().strip())
        .filter(m -> m.startsWith("base "))
        .map(m -> m.substring("base ".length()).strip())
        .orElse("");
  }

  private static Optional<ContainerStateTerminated> terminated(List<Pod> pods, String container) {
    return pods.stream()
        .flatMap(p -> statuses(p).stream())
        .filter(s -> container.equals(s.getName()))
        .map(ContainerStatus::getState)
        .filter(s -> s != null && s.getTerminated() != null)
        .map(ContainerState::getTerminated)
        .findFirst();
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    if (pod.getStatus() == null) {
      return List.of();
    }
    List<ContainerStatus> all = new java.util.ArrayList<>();
    all.addAll(pod.getStatus().getInitContainerStatuses());
    all.addAll(pod.getStatus().getContainerStatuses());
    return all;
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static int exit(ContainerStateTerminated t) {
    return t.getExitCode() == null ? -1 : t.getExitCode();
  }

  /** The last non-empty line: FallbackToLogsOnError keeps a log tail, whose end says why. */
  private static String oneLine(String text, String otherwise) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    List<String> lines = text.strip().lines().filter(l -> !l.isBlank()).toList();
    return lines.get(lines.size() - 1).strip();
  }

  /** "20m", "1h30m", "45s": how timeouts are written in job files. */
  static String human(long seconds) {
    return Duration.ofSeconds(seconds).toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
