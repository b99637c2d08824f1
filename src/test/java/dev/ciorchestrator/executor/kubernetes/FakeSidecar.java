package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.Main;
import dev.ciorchestrator.upload.PodEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The fake kubelet's side of the upload sidecar: the pod's {@code upload} container runs as a real
 * {@code java} process of {@code ci-orchestrator pod upload} (this JVM's classpath, the jar's main
 * class), with its environment from the pod spec and its folders moved into the pod's scratch
 * folder, so the sub-command's argument handling, waiting, selection and HTTP client are the ones a
 * cluster runs.
 */
final class FakeSidecar {
  private final Process process;
  private final Path message;
  private final Path output;

  private FakeSidecar(Process process, Path message, Path output) {
    this.process = process;
    this.message = message;
    this.output = output;
  }

  /** The pod's sidecar container, if it has one. */
  static Optional<Container> of(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(UploadSidecar.NAME))
        .findFirst();
  }

  /** The job container's command with the shared folder moved to {@code shared}. */
  static List<String> moved(List<String> command, Path shared) {
    return command.stream().map(a -> a.replace(UploadSidecar.SHARED, shared.toString())).toList();
  }

  static FakeSidecar start(Container sidecar, Path workspace, Path shared) throws IOException {
    Files.createDirectories(shared);
    Path message = shared.resolveSibling("upload-message");
    Path output = shared.resolveSibling("upload-output");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(
        sidecar
            .getCommand()
            .subList(sidecar.getCommand().indexOf("pod"), sidecar.getCommand().size()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    for (EnvVar e : sidecar.getEnv()) {
      builder.environment().put(e.getName(), e.getValue());
    }
    builder.environment().put(PodEnv.WORKSPACE, workspace.toString());
    builder.environment().put(PodEnv.SHARED, shared.toString());
    builder.environment().put(PodEnv.MESSAGE, message.toString());
    builder.environment().put("HOME", shared.getParent().toString());
    return new FakeSidecar(builder.start(), message, output);
  }

  /** Waits for the sidecar, then says how it ended, as the kubelet would. */
  ContainerStatus await(long seconds) throws InterruptedException, IOException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    int code = process.exitValue();
    String text =
        Files.exists(message)
            ? Files.readString(message, StandardCharsets.UTF_8)
            : Files.readString(output, StandardCharsets.UTF_8);
    return new ContainerStatusBuilder()
        .withName(UploadSidecar.NAME)
        .withNewState()
        .withNewTerminated()
        .withExitCode(code)
        .withReason(code == 0 ? "Completed" : "Error")
        .withMessage(code == 0 ? null : text)
        .endTerminated()
        .endState()
        .build();
  }

  void kill() {
    process.destroyForcibly();
  }
}
