package dev.ciorchestrator.executor.container;

import dev.ciorchestrator.executor.process.Command;
import dev.ciorchestrator.executor.process.Launcher;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.process.ProcessOutcome;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.process.ProcessSpec;
import dev.ciorchestrator.executor.process.RunningProcess;
import dev.ciorchestrator.executor.process.Supervisor;
import dev.ciorchestrator.executor.process.SupervisorDir;
import dev.ciorchestrator.run.LogTail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Runs each job in a container of its {@code image}, through the engine's CLI: the {@code
 * container} executor. The CLI runs in the foreground under the run's supervisor, so its output is
 * the container's (streamed into the run's log as a local process's is) and its exit code, the
 * script's, lands in the supervisor's exit file even if the orchestrator died meanwhile. A timeout
 * (the supervisor's, through its {@code on-timeout} hook) or a cancel stops the container through
 * the engine ({@link ContainerStopper}), because killing the CLI alone would leave the container
 * running. The container is not started with {@code --rm}: should its CLI die before it, the engine
 * keeps the container and its exit code for {@link #adopt} to read; it is removed once the run is
 * over ({@link #release}).
 */
public final class ContainerLauncher implements Launcher {
  public static final String NAME = "container";

  /** Where the workspace is mounted in the container, and its working directory. */
  static final String WORKSPACE = "/workspace";

  /** Where the script is mounted, read-only: the job can read it but not change it. */
  static final String SCRIPT = "/ci-orchestrator/run.sh";

  private static final int LOG_TAIL_BYTES = 4096;
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final ContainerEngine engine;
  private final Map<String, String> orchestratorEnv;

  public ContainerLauncher(ContainerEngine engine) {
    this(engine, System.getenv());
  }

  ContainerLauncher(ContainerEngine engine, Map<String, String> orchestratorEnv) {
    this.engine = engine;
    this.orchestratorEnv = Map.copyOf(orchestratorEnv);
  }

  /** The container of run {@code runId}: deterministic, so a restart can find and remove it. */
  public static String containerName(String runId) {
    return "ci-" + runId;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RunningProcess launch(Launch launch) {
    ProcessSpec process = launch.process();
    String image = launch.job().image();
    if (image == null || image.isBlank()) {
      return RunningProcess.notStarted(
          "job " + launch.job().name() + " has no image; the container executor needs one");
    }
    if (!Files.isDirectory(process.workspace())) {
      return RunningProcess.notStarted("workspace does not exist: " + process.workspace());
    }
    Path script;
    try {
      script = ProcessRunner.writeScript(process);
    } catch (IOException e) {
      return RunningProcess.notStarted("could not write the script next to the log: " + e);
    }
    String name = containerName(launch.runId());
    boolean supervised = launch.supervision() != null;
    Command command =
        new Command(
            runArgs(engine, launch, name, script, !supervised),
            process.workspace(),
            engine.processEnv(orchestratorEnv),
            process.logFile());
    if (!supervised) {
      return watched(command, process, name);
    }
    try {
      return Supervisor.start(
          command,
          launch.supervision(),
          launch.runId(),
          process.timeout(),
          engine.killGrace(),
          new ContainerStopper(engine, name),
          stopCommand(name));
    } catch (NoSuchFileException e) {
      return RunningProcess.notStarted(
          "container engine '" + engine.command() + "' not found on PATH");
    } catch (IOException e) {
      return RunningProcess.notStarted("could not start the run's supervisor: " + e.getMessage());
    }
  }

  /** The engine's CLI as this JVM's child; the container goes with it ({@code --rm}). */
  private RunningProcess watched(Command command, ProcessSpec process, String name) {
    try {
      return ProcessRunner.spawn(
          command, process.timeout(), engine.killGrace(), new ContainerStopper(engine, name));
    } catch (IOException e) {
      return RunningProcess.notStarted(startFailure(engine.command(), e));
    }
  }

  static String startFailure(String cli, IOException e) {
    String why = String.valueOf(e.getMessage());
    if (why.contains("error=2,")) {
      return "container engine '" + cli + "' not found on PATH";
    }
    return "cannot start container engine '" + cli + "': " + why;
  }

  /** What the supervisor runs on a timeout: stop the container, so its CLI exits. */
  List<String> stopCommand(String name) {
    List<String> argv = engine.prefix();
    argv.addAll(List.of("stop", "-t", ContainerStopper.seconds(engine.killGrace()), name));
    return argv;
  }

  /**
   * Follows a run an earlier orchestrator started. If its supervisor is gone without an exit code
   * (its CLI died first), the engine may still know the container's: that is the outcome then.
   */
  @Override
  public RunningProcess adopt(String runId, SupervisorDir supervision) {
    ContainerStopper stopper = new ContainerStopper(engine, containerName(runId));
    RunningProcess adopted = Supervisor.adopt(supervision, engine.killGrace(), stopper);
    CompletableFuture<ProcessOutcome> outcome =
        adopted
            .outcome()
            .thenApply(
                o ->
                    o.reason() == ProcessOutcome.Reason.LOST
                        ? exitedContainer(runId).orElse(o)
                        : o);
    return new RunningProcess() {
      @Override
      public CompletableFuture<ProcessOutcome> outcome() {
        return outcome;
      }

      @Override
      public void cancel() {
        adopted.cancel();
      }

      @Override
      public void letGo() {
        adopted.letGo();
      }
    };
  }

  /** The exit code of the run's container if the engine has it as exited. */
  private Optional<ProcessOutcome> exitedContainer(String runId) {
    return engine
        .query("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", containerName(runId))
        .map(String::strip)
        .filter(s -> s.matches("exited -?\\d+"))
        .map(s -> Integer.parseInt(s.substring("exited ".length())))
        .map(
            code ->
                new ProcessOutcome(
                    code,
                    ProcessOutcome.Reason.EXITED,
                    java.time.Duration.ZERO,
                    "exit code " + code));
  }

  @Override
  public Duration killGrace() {
    return engine.killGrace();
  }

  /**
   * {@code <engine> run --name ... <image> sh -e /ci-orchestrator/run.sh}.
   *
   * @param remove {@code --rm}: for a CLI this JVM follows to its end, never for a supervised one
   */
  static List<String> runArgs(
      ContainerEngine engine, Launch launch, String name, Path script, boolean remove) {
    ProcessSpec process = launch.process();
    List<String> argv = engine.prefix();
    argv.add("run");
    if (remove) {
      argv.add("--rm");
    }
    argv.addAll(
        List.of(
            "--name",
            name,
            "--label",
            "ci-orchestrator.dev/run=" + launch.runId(),
            "--label",
            "app.kubernetes.io/managed-by=ci-orchestrator",
            "-v",
            process.workspace().toAbsolutePath() + ":" + WORKSPACE,
            "-w",
            WORKSPACE,
            "-v",
            script.toAbsolutePath() + ":" + SCRIPT + ":ro"));
    // values on the command line, not through the CLI's environment: a job's PATH or
    // CONTAINERS_CONF must reach the container, never change how the engine itself runs
    process.env().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              argv.add("-e");
              argv.add(e.getKey() + "=" + e.getValue());
            });
    optional(argv, "--network", engine.network());
    optional(argv, "--pull", engine.pull());
    if (engine.kind() == ContainerEngine.Kind.DOCKER) {
      optional(argv, "--runtime", engine.runtime());
    }
    argv.addAll(ResourceFlags.of(launch.job().resources()));
    argv.addAll(engine.extraArgs());
    argv.addAll(List.of(launch.job().image(), engine.shell(), "-e", SCRIPT));
    return argv;
  }

  private static void optional(List<String> argv, String flag, String value) {
    if (!value.isEmpty()) {
      argv.add(flag);
      argv.add(value);
    }
  }

  @Override
  public Verdict verdict(ProcessOutcome outcome, Path logFile) {
    return ContainerOutcomes.verdict(engine.command(), outcome, tail(logFile));
  }

  /**
   * The manifest digest of the image the run's container was created from (its image id, so a tag
   * moved meanwhile does not matter); the image by name when the container is gone already.
   */
  @Override
  public Optional<String> imageDigest(String runId, String image) {
    String used =
        engine
            .query("container", "inspect", "--format", "{{.Image}}", containerName(runId))
            .map(String::strip)
            .filter(id -> !id.isEmpty())
            .orElse(image);
    return engine
        .query("image", "inspect", "--format", "{{.Digest}}", used)
        .map(String::strip)
        .filter(d -> DIGEST.matcher(d).matches());
  }

  /** The run is over: its container goes (stopped first if a lost run's still runs). */
  @Override
  public void release(String runId) {
    engine.control("rm", "-f", containerName(runId));
  }

  private static String tail(Path logFile) {
    try {
      long size = Files.exists(logFile) ? Files.size(logFile) : 0;
      return LogTail.read(logFile, Math.max(0, size - LOG_TAIL_BYTES), LOG_TAIL_BYTES).text();
    } catch (IOException e) {
      return ""; // the exit code alone still says what happened
    }
  }
}
