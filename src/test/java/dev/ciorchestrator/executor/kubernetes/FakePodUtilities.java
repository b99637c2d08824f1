package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.cli.CliMain;
import dev.ciorchestrator.upload.PodEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The fake kubelet's way of running every container of the controller's own image ({@code
 * ci-orchestrator pod ...}: cache restore, cache save, upload): as a real {@code java} process of
 * the jar's command-line main ({@link CliMain}, this JVM's class path), with its environment from
 * the pod spec and each mount path of the container (in arguments and env values) moved to the
 * folder that stands in for its volume: the claim {@code <claims>/<claim name>}, shared by every
 * pod as a PersistentVolumeClaim is; an {@code emptyDir} a folder of the pod. A process, because
 * these containers run beside the job's at once, read their settings from the environment, and
 * their argument handling, waiting, exit codes and termination messages are the ones a cluster
 * runs; the unit tests run before the jar is packaged, hence the class path.
 */
final class FakePodUtilities {
  private static final Set<String> JOB_OWN = Set.of("workspace", "tmp", "meta");
  private final PodSpec pod;
  private final Map<String, Path> volumes = new HashMap<>();
  private final Path dir;
  private final List<Started> beside = new ArrayList<>();

  /**
   * @param dir the pod's scratch folder: {@code env} and the meta volume's files live in it
   */
  FakePodUtilities(PodSpec pod, Path dir, Path workspace, Path claims) {
    this.pod = pod;
    this.dir = dir;
    volumes.put("workspace", workspace);
    volumes.put("meta", dir);
    volumes.put("tmp", dir.resolve("tmp"));
    for (Volume v : pod.getVolumes()) {
      if (v.getPersistentVolumeClaim() != null) {
        volumes.put(v.getName(), claims.resolve(v.getPersistentVolumeClaim().getClaimName()));
      } else {
        volumes.putIfAbsent(v.getName(), dir.resolve("volume-" + v.getName()));
      }
    }
  }

  static boolean isUtility(Container c) {
    return c.getCommand().contains("pod");
  }

  /**
   * The init containers after the checkout that are utilities, run in order until one fails, as a
   * kubelet runs them.
   */
  List<ContainerStatus> runInits(ApiServer api, String podName) throws Exception {
    List<ContainerStatus> done = new ArrayList<>();
    for (Container c : pod.getInitContainers()) {
      if (isUtility(c)) {
        Started s = start(c);
        ContainerStatus status = s.await(api, podName, Long.MAX_VALUE);
        done.add(status);
        if (status.getState().getTerminated().getExitCode() != 0) {
          break;
        }
      }
    }
    return done;
  }

  /** Starts the containers beside the job's that are utilities, as a pod starts them: together. */
  void startBeside() throws IOException {
    for (Container c : pod.getContainers()) {
      if (isUtility(c)) {
        beside.add(start(c));
      }
    }
  }

  /** How the containers beside the job's ended; killed past {@code seconds}. */
  List<ContainerStatus> awaitBeside(ApiServer api, String podName, long seconds) throws Exception {
    List<ContainerStatus> done = new ArrayList<>();
    for (Started s : beside) {
      done.add(s.await(api, podName, seconds));
    }
    return done;
  }

  /** The pod ends: what still runs beside the job's container is killed. */
  void killBeside() {
    beside.forEach(s -> s.process.destroyForcibly());
  }

  /**
   * The job container's command or env value with the paths of its extra volumes (the exit code's
   * folder, the vulnerability database) moved here; the workspace is its working directory already.
   */
  String host(Container c, String text) {
    String out = text;
    for (VolumeMount m : c.getVolumeMounts()) {
      Path host = volumes.get(m.getName());
      if (host != null && !JOB_OWN.contains(m.getName())) {
        out = out.equals(m.getMountPath()) ? host.toString() : out;
        out = out.replace(m.getMountPath() + "/", host + "/");
      }
    }
    return out;
  }

  private Started start(Container c) throws IOException {
    for (Path p : volumes.values()) {
      Files.createDirectories(p);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> args =
        new ArrayList<>(
            List.of(java, "-cp", System.getProperty("java.class.path"), CliMain.class.getName()));
    List<String> command = c.getCommand();
    for (String arg : command.subList(command.indexOf("pod"), command.size())) {
      args.add(mapped(c, arg));
    }
    Path message = dir.resolve(c.getName() + ".termination-log");
    Path output = dir.resolve(c.getName() + ".output");
    ProcessBuilder builder =
        new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    for (EnvVar e : c.getEnv()) {
      if (e.getValue() != null) {
        builder.environment().put(e.getName(), mapped(c, e.getValue()));
      }
    }
    builder.environment().put(PodEnv.MESSAGE, message.toString());
    return new Started(c, builder.start(), message, output);
  }

  /** An argument that is a mount path, or under one, moved to the volume's folder. */
  private String mapped(Container c, String arg) {
    VolumeMount best = null;
    for (VolumeMount m : c.getVolumeMounts()) {
      String path = m.getMountPath();
      boolean under = arg.equals(path) || arg.startsWith(path + "/");
      if (under && (best == null || path.length() > best.getMountPath().length())) {
        best = m;
      }
    }
    return best == null
        ? arg
        : volumes.get(best.getName()) + arg.substring(best.getMountPath().length());
  }

  private record Started(Container container, Process process, Path message, Path output) {
    /** Waits, then says how it ended, as the kubelet would (FallbackToLogsOnError). */
    ContainerStatus await(ApiServer api, String podName, long seconds) throws Exception {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      int code = process.exitValue();
      String out = Files.readString(output, StandardCharsets.UTF_8);
      api.log(podName, container.getName()).append(out);
      String text =
          Files.exists(message)
              ? Files.readString(message, StandardCharsets.UTF_8)
              : code == 0 ? null : out;
      return new ContainerStatusBuilder()
          .withName(container.getName())
          .withImage(container.getImage())
          .withNewState()
          .withNewTerminated()
          .withExitCode(code)
          .withReason(code == 0 ? "Completed" : "Error")
          .withMessage(text)
          .endTerminated()
          .endState()
          .build();
    }
  }
}
