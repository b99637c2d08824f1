package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.config.model.Job.Resources;
import dev.ciorchestrator.config.validation.Quantities;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.process.RunEnvironment;
import dev.ciorchestrator.executor.process.RunPreparation;
import dev.ciorchestrator.executor.workspace.WorkspaceSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders one run as a {@code batch/v1} Job, with no I/O: the same run and options always give the
 * same Job (golden files pin it). The workspace is decided by {@link RunPreparation#workspaceSpec},
 * the environment by {@link RunEnvironment#of}, so a run checks out and sees the same thing here as
 * under the process executor.
 */
public final class JobRenderer {
  static final String INIT = "prepare";
  static final String MAIN = "run";
  static final String WORKSPACE = "/workspace";
  static final String META = "/ci";
  static final String VOLUME_WORKSPACE = "workspace";
  // Fetch with the run's values from the environment, never spliced into the script: a branch
  // name is user input. The base SHA reaches the job (BASE_SHA through BASH_ENV) and the record
  // (the termination message) because only this container learns it.
  static final String PREPARE =
      """
      set -eu
      cd /workspace
      git init -q .
      g() { git -c credential.helper="${GIT_HELPER:-}" "$@"; }
      if [ -n "${GIT_USERNAME:-}" ]; then
        GIT_HELPER='!f() { echo "username=$GIT_USERNAME"; echo "password=$GIT_PASSWORD"; }; f'
      fi
      g fetch -q --no-tags "$CLONE_URL" "$BASE_REF"
      git checkout -q --detach FETCH_HEAD
      base="$(git rev-parse HEAD)"
      if [ -n "${HEAD_SHA:-}" ]; then
        g fetch -q --no-tags "$CLONE_URL" "$HEAD_SHA"
        if ! git -c user.name=ci-orchestrator -c user.email=ci-orchestrator@localhost \\
            merge -q --no-ff --no-edit FETCH_HEAD >/dev/null 2>&1; then
          files="$(git diff --name-only --diff-filter=U | tr '\\n' ',' | sed 's/,$//; s/,/, /g')"
          echo "head $(printf %.7s "$HEAD_SHA") does not merge cleanly into ${BASE_REF}:" \\
            "conflict in $files" >&2
          exit 1
        fi
      fi
      echo "export BASE_SHA=$base" > /ci/env
      echo "base $base" > /dev/termination-log
      """;

  private final RenderOptions options;
  private final Optional<UploadSidecar> uploads;

  /** A renderer for runs that upload nothing: a job with artifacts or reports is refused. */
  public JobRenderer(RenderOptions options) {
    this(options, Optional.empty());
  }

  /**
   * @param uploads the pod utilities of runs that hand back artifacts, reports and their log
   */
  JobRenderer(RenderOptions options, Optional<UploadSidecar> uploads) {
    this.options = options;
    this.uploads = uploads;
  }

  /**
   * @throws RunRejected naming the job, its file and the field, when the job cannot run here
   */
  public Job render(RunRecord run, RunSpec spec) throws RunRejected {
    dev.ciorchestrator.config.model.Job job = spec.job();
    validate(job);
    RunKey key = run.key();
    String name = JobNames.jobName(run.id());
    Map<String, String> labels = labels(key, name);
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .withAnnotations(annotations(run))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0) // retries belong to the orchestrator, and only for infra errors
        .withActiveDeadlineSeconds(deadlineSeconds(job.timeout()))
        .withTtlSecondsAfterFinished(options.ttlSecondsAfterFinished())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withServiceAccountName(options.serviceAccount().orElse(null))
        .withNodeSelector(
            options.nodeSelector().isEmpty() ? null : new TreeMap<>(options.nodeSelector()))
        .withSecurityContext(
            new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(options.runAsUser())
                .withRunAsGroup(options.runAsUser())
                .withFsGroup(options.runAsUser())
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build())
        .withInitContainers(initContainers(run, spec))
        .withContainers(containers(run, spec))
        .withVolumes(volumes(job))
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private List<Volume> volumes(dev.ciorchestrator.config.model.Job job) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder().withName(VOLUME_WORKSPACE).withNewEmptyDir().endEmptyDir().build());
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    volumes.add(new VolumeBuilder().withName("meta").withNewEmptyDir().endEmptyDir().build());
    volumes.addAll(CacheVolumes.volumes(options, job));
    if (wrapped(job)) {
      volumes.add(JobWrapper.volume());
    }
    if (uploading(job)) {
      volumes.addAll(UploadSidecar.volumes());
    }
    if (UpstreamFetch.wanted(job)) {
      volumes.addAll(UpstreamFetch.volumes());
    }
    volumes.addAll(VulnDbVolume.volumes(options));
    return volumes;
  }

  /** Whether the run's pod has the upload sidecar: it has something to hand back. */
  private boolean uploading(dev.ciorchestrator.config.model.Job job) {
    return uploads.isPresent() && UploadSidecar.wanted(job);
  }

  /** Whether utilities beside the job's container wait for its exit code. */
  private boolean wrapped(dev.ciorchestrator.config.model.Job job) {
    return uploading(job) || CacheVolumes.active(options, job);
  }

  private List<Container> initContainers(RunRecord run, RunSpec spec) {
    List<Container> all = new ArrayList<>();
    all.add(prepare(run.key(), spec));
    if (UpstreamFetch.wanted(spec.job())) {
      long deadline = deadlineSeconds(spec.job().timeout());
      all.add(uploads.get().fetch(run, deadline, options, containerSecurity()));
    }
    all.addAll(CacheVolumes.restorer(run.key(), spec, options, containerSecurity()));
    return all;
  }

  /** The job's container, then the utilities that wait for it. */
  private List<Container> containers(RunRecord run, RunSpec spec) {
    dev.ciorchestrator.config.model.Job job = spec.job();
    List<Container> all = new ArrayList<>();
    all.add(main(run, spec));
    all.addAll(CacheVolumes.saver(run.key(), spec, options, containerSecurity()));
    if (uploading(job)) {
      all.add(
          uploads
              .get()
              .container(run, job, deadlineSeconds(job.timeout()), options, containerSecurity()));
    }
    return all;
  }

  private Container prepare(RunKey key, RunSpec spec) {
    WorkspaceSpec ws = RunPreparation.workspaceSpec(key, spec, Path.of(WORKSPACE));
    List<EnvVar> env = new ArrayList<>();
    env.add(plain("HOME", "/tmp"));
    env.add(plain("CLONE_URL", options.cloneUrl(key.repo())));
    env.add(plain("BASE_REF", ws.baseRef()));
    env.add(plain("HEAD_SHA", ws.headSha() == null ? "" : ws.headSha()));
    options
        .gitCredentialsSecret()
        .ifPresent(
            secret -> {
              env.add(fromSecret("GIT_USERNAME", secret, "username"));
              env.add(fromSecret("GIT_PASSWORD", secret, "password"));
            });
    return new ContainerBuilder()
        .withName(INIT)
        .withImage(options.initImage())
        .withCommand("/bin/sh", "-c", PREPARE)
        .withEnv(env)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withVolumeMounts(
            mount("workspace", WORKSPACE, false),
            mount("tmp", "/tmp", false),
            mount("meta", META, false))
        .withSecurityContext(containerSecurity())
        .build();
  }

  private Container main(RunRecord run, RunSpec spec) {
    dev.ciorchestrator.config.model.Job job = spec.job();
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("HOME", "/tmp"); // a read-only root filesystem leaves no other writable home
    vars.putAll(VulnDbVolume.env(options)); // beneath the job's env, as on every executor
    vars.putAll(new TreeMap<>(job.env()));
    if (UpstreamFetch.wanted(job)) {
      vars.putAll(UpstreamFetch.env());
    }
    vars.putAll(RunEnvironment.of(run, spec.baseRef())); // a job cannot fake RUN_ID or CI
    vars.put("BASH_ENV", META + "/env"); // bash sources it first: BASE_SHA from the init container
    List<EnvVar> env = vars.entrySet().stream().map(e -> plain(e.getKey(), e.getValue())).toList();
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("workspace", WORKSPACE, false));
    mounts.add(mount("tmp", "/tmp", false));
    mounts.add(mount("meta", META, true));
    if (wrapped(job)) {
      mounts.add(JobWrapper.mount(false));
    }
    if (UpstreamFetch.wanted(job)) {
      mounts.add(UpstreamFetch.mount());
    }
    mounts.addAll(VulnDbVolume.mounts(options));
    String script = CacheVolumes.preamble(job) + job.run();
    List<String> command =
        List.of("/bin/bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script);
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(MAIN)
            .withImage(job.image())
            .withCommand(wrapped(job) ? JobWrapper.wrap(command, uploading(job)) : command)
            .withWorkingDir(WORKSPACE)
            .withEnv(env)
            .withTerminationMessagePolicy("FallbackToLogsOnError")
            .withVolumeMounts(mounts)
            .withSecurityContext(containerSecurity());
    options
        .envSecret()
        .ifPresent(
            secret ->
                container.withEnvFrom(
                    new EnvFromSourceBuilder()
                        .withNewSecretRef()
                        .withName(secret)
                        .endSecretRef()
                        .build()));
    Resources resources = job.resources() == null ? Resources.NONE : job.resources();
    Map<String, Quantity> amounts = new TreeMap<>();
    if (!resources.cpu().isEmpty()) {
      amounts.put("cpu", new Quantity(resources.cpu()));
    }
    if (!resources.memory().isEmpty()) {
      amounts.put("memory", new Quantity(resources.memory()));
    }
    if (!amounts.isEmpty()) {
      container.withResources(
          new ResourceRequirementsBuilder().withRequests(amounts).withLimits(amounts).build());
    }
    return container.build();
  }

  private SecurityContext containerSecurity() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withReadOnlyRootFilesystem(options.readOnlyRootFilesystem())
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }

  private void validate(dev.ciorchestrator.config.model.Job job) throws RunRejected {
    String where = "job " + job.name() + (job.source() == null ? "" : " (" + job.source() + ")");
    if (job.image() == null || job.image().isBlank()) {
      throw new RunRejected(where + ": `image` is required to run on Kubernetes");
    }
    if (uploads.isEmpty() && UploadSidecar.wanted(job)) {
      throw new RunRejected(
          where
              + ": `artifacts.paths` and `reports` of a Kubernetes run are uploaded by its pod to"
              + " the controller, at ci.executor.kubernetes.upload-url, which is not set");
    }
    if (uploads.isEmpty() && UpstreamFetch.wanted(job)) {
      throw new RunRejected(
          where
              + ": `needs`: a Kubernetes run receives the artifacts of the jobs it needs from the"
              + " controller, at ci.executor.kubernetes.upload-url, which is not set");
    }
    Resources r = job.resources() == null ? Resources.NONE : job.resources();
    check(where, "resources.cpu", r.cpu(), "500m or 2");
    check(where, "resources.memory", r.memory(), "512Mi or 2Gi");
  }

  private static void check(String where, String field, String value, String examples)
      throws RunRejected {
    if (!value.isEmpty() && Quantities.problem(field, value).isPresent()) {
      throw new RunRejected(
          "%s: %s \"%s\" is not a Kubernetes quantity (e.g. %s)"
              .formatted(where, field, value, examples));
    }
  }

  static long deadlineSeconds(Duration timeout) {
    Duration t = timeout == null ? dev.ciorchestrator.config.model.Job.DEFAULT_TIMEOUT : timeout;
    long seconds = t.getSeconds() + (t.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  static Map<String, String> labels(RunKey key, String jobName) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(JobNames.MANAGED_BY, JobNames.MANAGER);
    labels.put(JobNames.LABEL_RUN, jobName);
    labels.put(JobNames.LABEL_REPO, JobNames.labelValue(key.repo()));
    labels.put(JobNames.LABEL_CHANGE, key.change() == 0 ? "" : Long.toString(key.change()));
    labels.put(JobNames.LABEL_SHA, JobNames.labelValue(key.sha()));
    labels.put(JobNames.LABEL_JOB, JobNames.labelValue(key.job()));
    return labels;
  }

  private static Map<String, String> annotations(RunRecord run) {
    RunKey key = run.key();
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put(JobNames.LABEL_RUN, run.id());
    notes.put(JobNames.LABEL_REPO, key.repo());
    notes.put(JobNames.LABEL_CHANGE, key.change() == 0 ? "" : Long.toString(key.change()));
    notes.put(JobNames.PREFIX + "ref", key.ref());
    notes.put(JobNames.LABEL_SHA, key.sha());
    notes.put(JobNames.LABEL_JOB, key.job());
    notes.put(JobNames.PREFIX + "attempt", Integer.toString(key.attempt()));
    notes.put(JobNames.PREFIX + "trigger", run.trigger().wire());
    return notes;
  }

  static EnvVar plain(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static EnvVar fromSecret(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly ? Boolean.TRUE : null)
        .build();
  }
}
