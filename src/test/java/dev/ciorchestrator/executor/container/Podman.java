package dev.ciorchestrator.executor.container;

import dev.ciorchestrator.testing.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Podman for tests, set up as DEVELOPERS.md and docs/executors.md describe for a machine
 * without a registry: the runc runtime, no network, never pull, and a containers.conf of our own
 * (cgroupfs, no default ulimits) passed through the engine's environment. The image is built here
 * from the static busybox of Debian's {@code busybox-static}, so it has {@code sh} but no bash.
 */
public final class Podman {
  public static final String IMAGE = "localhost/ci-orchestrator-test-busybox:1";
  static final String BUSYBOX = "/bin/busybox";
  private static final String CONF =
      "[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = \"cgroupfs\"\n";

  private static Podman ready;

  private final Path conf;

  private Podman(Path conf) {
    this.conf = conf;
  }

  /**
   * Podman with the test image, or the test is skipped with the reason; under {@code CI=true} a
   * missing Podman fails instead ({@code .ci/run} installs it).
   */
  public static synchronized Podman require() throws IOException, InterruptedException {
    if (ready != null) {
      return ready;
    }
    String missing = missing();
    if (!missing.isEmpty()) {
      RequiredTools.missing(missing + ": the container executor's tests need real Podman");
    }
    Path dir = Files.createTempDirectory("ci-podman-");
    Path conf = Files.writeString(dir.resolve("containers.conf"), CONF);
    Podman podman = new Podman(conf);
    podman.buildImage(dir);
    ready = podman;
    return podman;
  }

  private static String missing() {
    if (RequiredTools.onPath("podman").isEmpty()) {
      return "podman is not on PATH";
    }
    if (RequiredTools.onPath("runc").isEmpty()) {
      return "runc is not on PATH";
    }
    if (!Files.isExecutable(Path.of(BUSYBOX))) {
      return BUSYBOX + " (Debian package busybox-static) is missing";
    }
    return "";
  }

  /** The engine settings every test uses; {@code killGrace} short to keep cancels quick. */
  public ContainerEngine engine() {
    return new ContainerEngine(
        ContainerEngine.Kind.PODMAN,
        "podman",
        "runc",
        "none",
        "never",
        List.of(),
        "sh",
        Map.of("CONTAINERS_CONF", conf.toString()),
        Duration.ofSeconds(1));
  }

  /** Names of every container, running or not, whose name is exactly {@code name}. */
  public List<String> containers(String name) throws IOException, InterruptedException {
    String out =
        podman("ps", "-a", "--filter", "name=^" + name + "$", "--format", "{{.Names}}").strip();
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  /** Runs podman with the test's settings; its output, or an exception naming it if it failed. */
  public String podman(String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("podman", "--runtime", "runc"));
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().put("CONTAINERS_CONF", conf.toString());
    Process p = builder.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(argv + " failed: " + out);
    }
    return out;
  }

  /** A root file system holding busybox and its applets as symlinks, imported as {@link #IMAGE}. */
  private void buildImage(Path dir) throws IOException, InterruptedException {
    Path root = Files.createDirectories(dir.resolve("rootfs"));
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.copy(Path.of(BUSYBOX), bin.resolve("busybox"));
    Files.createDirectories(root.resolve("tmp"));
    String applets = run(List.of(BUSYBOX, "--list"));
    for (String applet : applets.split("\n")) {
      if (!applet.isBlank() && !applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
      }
    }
    Path tar = dir.resolve("rootfs.tar");
    run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."));
    podman("import", tar.toString(), IMAGE);
  }

  private static String run(List<String> argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(argv + " failed: " + out);
    }
    return out;
  }
}
