package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.cli.CliRun;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fake kubelet's way of running the containers of the controller's own image ({@code
 * ci-orchestrator pod ...}): in this JVM, through the same {@code Cli.run} the image's jar starts,
 * with each mount path of the container moved to the folder that stands in for its volume (the
 * claim {@code <claims>/<claim name>}, shared by every pod as a PersistentVolumeClaim is). In
 * process, because the test is about what that code does with the claim and the workspace, and the
 * unit tests run before the jar is packaged.
 */
final class FakePodUtilities {
  private final PodSpec pod;
  private final Map<String, Path> volumes = new HashMap<>();
  private final Path dir;

  /**
   * @param dir the pod's scratch folder: {@code env} and the meta volume's files live in it
   */
  FakePodUtilities(PodSpec pod, Path dir, Path workspace, Path claims) {
    this.pod = pod;
    this.dir = dir;
    volumes.put("workspace", workspace);
    volumes.put("meta", dir);
    volumes.put("tmp", dir.resolve("tmp"));
    volumes.put(CacheVolumes.DONE, dir.resolve("done"));
    for (Volume v : pod.getVolumes()) {
      if (v.getPersistentVolumeClaim() != null) {
        volumes.put(v.getName(), claims.resolve(v.getPersistentVolumeClaim().getClaimName()));
      }
    }
  }

  static boolean isUtility(Container c) {
    return c.getCommand().contains("pod");
  }

  /** The init containers after the checkout that are utilities, run in order. */
  List<ContainerStatus> runInits(ApiServer api, String podName) throws Exception {
    List<ContainerStatus> done = new ArrayList<>();
    for (Container c : pod.getInitContainers()) {
      if (isUtility(c)) {
        done.add(run(c, api, podName));
      }
    }
    return done;
  }

  /** The containers beside the job's that are utilities, in order (call from their own thread). */
  List<ContainerStatus> runSidecars(ApiServer api, String podName) throws Exception {
    List<ContainerStatus> done = new ArrayList<>();
    for (Container c : pod.getContainers()) {
      if (isUtility(c)) {
        done.add(run(c, api, podName));
      }
    }
    return done;
  }

  /**
   * The job container's command or env value with the paths of its extra volumes (the exit code's
   * folder, the vulnerability database) moved here; the workspace is its working directory already.
   */
  String host(Container c, String text) {
    String out = text;
    for (VolumeMount m : c.getVolumeMounts()) {
      Path host = volumes.get(m.getName());
      if (host != null && !Set.of("workspace", "tmp", "meta").contains(m.getName())) {
        out = out.equals(m.getMountPath()) ? host.toString() : out;
        out = out.replace(m.getMountPath() + "/", host + "/");
      }
    }
    return out;
  }

  private ContainerStatus run(Container c, ApiServer api, String podName) throws Exception {
    for (Path p : volumes.values()) {
      Files.createDirectories(p);
    }
    List<String> args = new ArrayList<>();
    List<String> command = c.getCommand();
    for (String arg : command.subList(command.indexOf("pod"), command.size())) {
      args.add(mapped(c, arg));
    }
    Path message = dir.resolve(c.getName() + ".termination-log");
    args.addAll(List.of("--message", message.toString()));
    CliRun result = CliRun.of(args.toArray(String[]::new));
    api.log(podName, c.getName()).append(result.out()).append(result.err());
    String text = Files.exists(message) ? Files.readString(message) : result.out();
    return new ContainerStatusBuilder()
        .withName(c.getName())
        .withImage(c.getImage())
        .withNewState()
        .withNewTerminated()
        .withExitCode(result.exit())
        .withReason(result.exit() == 0 ? "Completed" : "Error")
        .withMessage(text)
        .endTerminated()
        .endState()
        .build();
  }

  /** An argument that is a mount path, or under one, moved to the volume's folder. */
  private String mapped(Container c, String arg) {
    String best = null;
    for (VolumeMount m : c.getVolumeMounts()) {
      String path = m.getMountPath();
      boolean under = arg.equals(path) || arg.startsWith(path + "/");
      if (under && (best == null || path.length() > best.length())) {
        best = path;
      }
    }
    if (best == null) {
      return arg;
    }
    String volume = null;
    for (VolumeMount m : c.getVolumeMounts()) {
      if (m.getMountPath().equals(best)) {
        volume = m.getName();
      }
    }
    return volumes.get(volume) + arg.substring(best.length());
  }
}
