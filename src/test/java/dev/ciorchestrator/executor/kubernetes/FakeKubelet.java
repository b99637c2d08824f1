package dev.ciorchestrator.executor.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jgit.util.FileUtils;

/**
 * A simulated Job controller and kubelet on the mock API server. For each new managed Job it
 * creates a pod, runs the job container's script with local bash in a temporary folder (the init
 * container is skipped: it reports a fixed base SHA; containers of the controller's own image run
 * as java processes, see {@link FakePodUtilities}), serves the output as the pod log, and writes
 * the pod and Job status a real cluster would: {@code Complete}, {@code
 * Failed/BackoffLimitExceeded} with the exit code, {@code Failed/DeadlineExceeded} past {@code
 * activeDeadlineSeconds}. A deleted Job has its process killed and its pods deleted (background
 * propagation). Images listed in {@link #missingImage} never pull: the pod waits in {@code
 * ErrImagePull}, as on a cluster.
 */
public final class FakeKubelet implements AutoCloseable {
  public static final String BASE_SHA = "b".repeat(40);

  private final ApiServer api;
  private final KubernetesClient client;
  private final Path scratch;
  private final Path claims;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Process> running = new ConcurrentHashMap<>();
  private final Set<String> missingImages = new CopyOnWriteArraySet<>();
  private final Map<String, String> imageIds = new ConcurrentHashMap<>();
  private final SharedIndexInformer<Job> informer;
  private volatile boolean runScripts = true;

  public FakeKubelet(ApiServer api, Path scratch) {
    this.api = api;
    this.client = api.kubeletClient();
    this.scratch = scratch;
    this.claims = scratch.resolve("claims");
    informer =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(ApiServer.NAMESPACE)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Job job) {
                    threads.execute(() -> simulate(job));
                  }

                  @Override
                  public void onUpdate(Job before, Job after) {}

                  @Override
                  public void onDelete(Job job, boolean unknown) {
                    threads.execute(() -> deleted(job));
                  }
                });
  }

  /**
   * The folder standing in for PersistentVolumeClaim {@code name}, shared by every pod that mounts
   * it; the controller's own containers ({@code pod cache}) run against it.
   */
  public Path claim(String name) {
    return claims.resolve(name);
  }

  /** Pods of this image never start (ErrImagePull). */
  public void missingImage(String image) {
    missingImages.add(image);
  }

  /**
   * What the job container's status says it ran for {@code image} ({@code imageID}, as the runtime
   * reports it once the image is pulled); unset, none.
   */
  public void imageId(String image, String imageId) {
    imageIds.put(image, imageId);
  }

  /**
   * Off: Jobs get a running pod and stay so, no script runs (for benchmarks and restart tests that
   * only need Jobs to exist).
   */
  public void runScripts(boolean on) {
    runScripts = on;
  }

  private void simulate(Job job) {
    try {
      run(job);
    } catch (Exception e) {
      // the Job was deleted under us, or the test ended: nothing to report to
    }
  }

  private void run(Job job) throws Exception {
    String name = job.getMetadata().getName();
    Container main = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    String podName = name + "-pod";
    Map<String, String> labels =
        new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
    labels.put("job-name", name);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(podName)
            .withNamespace(ApiServer.NAMESPACE)
            .withLabels(labels)
            .withCreationTimestamp(Instant.now().toString())
            .endMetadata()
            .withSpec(job.getSpec().getTemplate().getSpec())
            .build();
    client.pods().inNamespace(ApiServer.NAMESPACE).resource(pod).create();
    if (missingImages.contains(main.getImage())) {
      podStatus(
          podName,
          "Pending",
          prepared(BASE_SHA),
          new ContainerStatusBuilder()
              .withName(JobRenderer.MAIN)
              .withImage(main.getImage())
              .withNewState()
              .withNewWaiting()
              .withReason("ErrImagePull")
              .withMessage(
                  "rpc error: code = NotFound desc = failed to pull and unpack image \"%s\": not found"
                      .formatted(main.getImage()))
              .endWaiting()
              .endState()
              .build());
      return;
    }
    Path dir = Files.createTempDirectory(scratch, name);
    Path ws = Files.createDirectories(dir.resolve("workspace"));
    Container init = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    ContainerStatus initDone;
    if (local(init)) {
      initDone = prepare(init, podName, dir, ws);
      if (initFailed(name, podName, main, List.of(initDone))) {
        return;
      }
    } else {
      initDone = prepared(BASE_SHA);
      Files.writeString(dir.resolve("env"), "export BASE_SHA=" + BASE_SHA + "\n");
    }
    FakePodUtilities utilities =
        new FakePodUtilities(job.getSpec().getTemplate().getSpec(), dir, ws, claims);
    List<ContainerStatus> inits = new ArrayList<>(List.of(initDone));
    inits.addAll(utilities.runInits(api, podName));
    if (initFailed(name, podName, main, inits)) {
      return; // the job's container never starts
    }
    podStatus(
        podName,
        "Running",
        inits,
        List.of(
            state(
                main,
                s -> s.withNewRunning().withStartedAt(Instant.now().toString()).endRunning())));
    if (!runScripts) {
      return;
    }
    List<String> command = new ArrayList<>(main.getCommand());
    command.set(0, "bash");
    command.replaceAll(c -> utilities.host(main, c));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(ws.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    for (EnvVar e : main.getEnv()) {
      if (e.getValue() != null) {
        builder.environment().put(e.getName(), utilities.host(main, e.getValue()));
      }
    }
    builder.environment().put("BASH_ENV", dir.resolve("env").toString());
    builder.environment().put("HOME", dir.toString());
    utilities.startBeside(); // a pod starts its containers together
    Process process = builder.start();
    running.put(name, process);
    StringBuffer log = api.log(podName, JobRenderer.MAIN);
    threads.execute(() -> copy(process, log));
    long deadline = job.getSpec().getActiveDeadlineSeconds();
    boolean exited = process.waitFor(deadline, TimeUnit.SECONDS);
    if (running.remove(name) == null) {
      utilities.killBeside();
      return; // the Job was deleted: no status to write
    }
    if (!exited) {
      process.destroyForcibly().waitFor();
      utilities.killBeside(); // the deadline ends the whole pod
      podStatus(
          podName,
          "Failed",
          inits,
          List.of(
              state(
                  main,
                  s ->
                      s.withNewTerminated()
                          .withExitCode(137)
                          .withReason("Error")
                          .endTerminated())));
      jobStatus(
          name, "Failed", "DeadlineExceeded", "Job was active longer than specified deadline");
    } else {
      int exit = process.exitValue();
      List<ContainerStatus> containers = new ArrayList<>();
      containers.add(
          state(
              main,
              s ->
                  s.withNewTerminated()
                      .withExitCode(exit)
                      .withReason(exit == 0 ? "Completed" : "Error")
                      .endTerminated()));
      List<ContainerStatus> beside = utilities.awaitBeside(api, podName, deadline);
      containers.addAll(beside); // the pod ends when every container has
      boolean allDone =
          beside.stream().allMatch(c -> c.getState().getTerminated().getExitCode() == 0);
      int code = exit == 0 && !allDone ? -1 : exit; // a pod fails when any container does
      podStatus(podName, code == 0 ? "Succeeded" : "Failed", inits, containers);
      if (code == 0) {
        jobStatus(name, "Complete", null, null);
      } else {
        jobStatus(
            name, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
      }
    }
    FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
  }

  /** A failed init container fails the pod and the Job before the job's container starts. */
  private boolean initFailed(
      String name, String podName, Container main, List<ContainerStatus> inits) {
    if (inits.stream().allMatch(c -> c.getState().getTerminated().getExitCode() == 0)) {
      return false;
    }
    podStatus(
        podName,
        "Failed",
        inits,
        List.of(state(main, s -> s.withNewWaiting().withReason("PodInitializing").endWaiting())));
    jobStatus(
        name, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
    return true;
  }

  private static void copy(Process process, StringBuffer log) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        log.append(line).append('\n');
      }
    } catch (IOException e) {
      // killed
    }
  }

  private void deleted(Job job) {
    String name = job.getMetadata().getName();
    Process process = running.remove(name);
    if (process != null) {
      process.destroyForcibly();
    }
    // background propagation: the garbage collector removes the pods after the Job
    client.pods().inNamespace(ApiServer.NAMESPACE).withLabel("job-name", name).delete();
  }

  /**
   * Whether the init container can run here: its clone URL is a local repository (tests set the
   * clone-url template to a folder). Otherwise it is skipped and reports {@link #BASE_SHA}.
   */
  private static boolean local(Container init) {
    return init.getEnv().stream()
        .anyMatch(
            e ->
                e.getName().equals("CLONE_URL")
                    && e.getValue() != null
                    && e.getValue().startsWith("/"));
  }

  /** Runs the init container's script with local sh and git, its paths moved into {@code dir}. */
  private ContainerStatus prepare(Container init, String podName, Path dir, Path ws)
      throws Exception {
    String script =
        init.getCommand()
            .get(2)
            .replace("/workspace", ws.toString())
            .replace("/ci/env", dir.resolve("env").toString())
            .replace("/dev/termination-log", dir.resolve("termination-log").toString());
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    for (EnvVar e : init.getEnv()) {
      if (e.getValue() != null) {
        builder.environment().put(e.getName(), e.getValue());
      }
    }
    builder.environment().put("HOME", dir.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    api.log(podName, JobRenderer.INIT).append(output);
    Path message = dir.resolve("termination-log");
    // FallbackToLogsOnError: the log's tail stands in when a failed container wrote no message
    String text = code == 0 && Files.exists(message) ? Files.readString(message) : output;
    return new ContainerStatusBuilder()
        .withName(JobRenderer.INIT)
        .withNewState()
        .withNewTerminated()
        .withExitCode(code)
        .withReason(code == 0 ? "Completed" : "Error")
        .withMessage(text)
        .endTerminated()
        .endState()
        .build();
  }

  private static ContainerStatus prepared(String baseSha) {
    return new ContainerStatusBuilder()
        .withName(JobRenderer.INIT)
        .withNewState()
        .withNewTerminated()
        .withExitCode(0)
        .withReason("Completed")
        .withMessage("base " + baseSha + "\n")
        .endTerminated()
        .endState()
        .build();
  }

  private ContainerStatus state(
      Container main,
      Consumer<io.fabric8.kubernetes.api.model.ContainerStatusFluent<?>.StateNested<?>> set) {
    ContainerStatusBuilder b =
        new ContainerStatusBuilder()
            .withName(JobRenderer.MAIN)
            .withImage(main.getImage())
            .withImageID(imageIds.get(main.getImage()));
    var nested = b.withNewState();
    set.accept(nested);
    nested.endState();
    return b.build();
  }

  private void podStatus(String pod, String phase, ContainerStatus init, ContainerStatus main) {
    podStatus(pod, phase, List.of(init), List.of(main));
  }

  private void podStatus(
      String pod, String phase, List<ContainerStatus> init, List<ContainerStatus> main) {
    client
        .pods()
        .inNamespace(ApiServer.NAMESPACE)
        .withName(pod)
        .editStatus(
            p ->
                new PodBuilder(p)
                    .withNewStatus()
                    .withPhase(phase)
                    .withInitContainerStatuses(init)
                    .withContainerStatuses(main)
                    .endStatus()
                    .build());
  }

  private void jobStatus(String job, String type, String reason, String message) {
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace(ApiServer.NAMESPACE)
        .withName(job)
        .editStatus(
            j ->
                new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(j)
                    .withNewStatus()
                    .withConditions(
                        new JobConditionBuilder()
                            .withType(type)
                            .withStatus("True")
                            .withReason(reason)
                            .withMessage(message)
                            .build())
                    .withSucceeded(type.equals("Complete") ? 1 : 0)
                    .withFailed(type.equals("Complete") ? 0 : 1)
                    .endStatus()
                    .build());
  }

  @Override
  public void close() {
    informer.close();
    running.values().forEach(Process::destroyForcibly);
    threads.shutdownNow();
    client.close();
  }
}
