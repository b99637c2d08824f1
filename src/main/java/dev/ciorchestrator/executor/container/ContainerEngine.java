package dev.ciorchestrator.executor.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How to call the container engine's CLI: which one, with which global flags and environment. Built
 * from {@link ContainerSettings}; plain values so tests need no CDI.
 *
 * @param kind podman or docker: where {@code --runtime} goes differs between them
 * @param command the CLI to run (a name looked up on PATH, or a path)
 * @param runtime the OCI runtime ({@code runc}, {@code crun}), or "" for the engine's default
 * @param network {@code --network} of every container ({@code none}, {@code bridge}), or ""
 * @param pull {@code --pull} policy ({@code always}, {@code missing}, {@code never}), or ""
 * @param extraArgs added to {@code run} just before the image
 * @param shell runs the script in the image, with {@code -e}; {@code sh} is in every image
 * @param env added to the CLI's environment ({@code CONTAINERS_CONF}, {@code DOCKER_HOST})
 * @param killGrace how long a stopped container gets between SIGTERM and SIGKILL
 */
public record ContainerEngine(
    Kind kind,
    String command,
    String runtime,
    String network,
    String pull,
    List<String> extraArgs,
    String shell,
    Map<String, String> env,
    Duration killGrace) {
  /** The engines whose CLIs this executor speaks; each is also its command's default name. */
  public enum Kind {
    PODMAN,
    DOCKER;

    public String cli() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What the CLI inherits from the orchestrator: enough to find the engine and its per-user state,
   * nothing else (the orchestrator's environment holds forge tokens and webhook secrets).
   */
  static final List<String> INHERITED =
      List.of("PATH", "HOME", "LANG", "TMPDIR", "XDG_RUNTIME_DIR");

  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

  public ContainerEngine {
    Objects.requireNonNull(kind, "kind");
    command = command == null || command.isBlank() ? kind.cli() : command;
    runtime = Objects.requireNonNullElse(runtime, "");
    network = Objects.requireNonNullElse(network, "");
    pull = Objects.requireNonNullElse(pull, "");
    extraArgs = List.copyOf(extraArgs);
    shell = shell == null || shell.isBlank() ? "sh" : shell;
    env = Map.copyOf(env);
    Objects.requireNonNull(killGrace, "killGrace");
  }

  /** Podman with its defaults, as a deployment without settings gets it. */
  public static ContainerEngine podman() {
    return new ContainerEngine(
        Kind.PODMAN, "", "", "", "", List.of(), "sh", Map.of(), Duration.ofSeconds(2));
  }

  public ContainerEngine withCommand(String cli) {
    return new ContainerEngine(kind, cli, runtime, network, pull, extraArgs, shell, env, killGrace);
  }

  /** The CLI and the flags that go before its subcommand. */
  List<String> prefix() {
    List<String> argv = new ArrayList<>();
    argv.add(command);
    if (kind == Kind.PODMAN && !runtime.isEmpty()) {
      argv.add("--runtime"); // a global flag of podman, a `run` flag of docker
      argv.add(runtime);
    }
    return argv;
  }

  /** The CLI's whole environment. */
  Map<String, String> processEnv(Map<String, String> orchestrator) {
    Map<String, String> all = new HashMap<>();
    INHERITED.stream()
        .filter(orchestrator::containsKey)
        .forEach(name -> all.put(name, orchestrator.get(name)));
    all.putAll(env);
    return all;
  }

  /**
   * Runs {@code <engine> <args>} to control a container ({@code stop}, {@code rm -f}) and waits for
   * it; its output is dropped (it says "no such container" when there is nothing to do).
   *
   * @return its exit code, or -1 if it could not run or took longer than 30 s
   */
  int control(String... args) {
    return call(ProcessBuilder.Redirect.DISCARD, args);
  }

  /**
   * Runs {@code <engine> <args>} to ask the engine something ({@code inspect}).
   *
   * @return its output, or empty if it failed, could not run or took longer than 30 s
   */
  Optional<String> query(String... args) {
    try {
      Path out = Files.createTempFile("ci-engine-", ".out");
      try {
        if (call(ProcessBuilder.Redirect.to(out.toFile()), args) != 0) {
          return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(out)) {
          return Optional.of(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        }
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private int call(ProcessBuilder.Redirect output, String... args) {
    List<String> argv = prefix();
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(output);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    builder.environment().putAll(processEnv(System.getenv()));
    try {
      Process p = builder.start();
      p.getOutputStream().close();
      if (!p.waitFor(CONTROL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
