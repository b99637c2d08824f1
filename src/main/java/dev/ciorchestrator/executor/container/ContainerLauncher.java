package dev.ciorchestrator.executor.container;

import dev.ciorchestrator.executor.local.Launcher;
import dev.ciorchestrator.executor.process.Command;
import dev.ciorchestrator.executor.process.LogTail;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.process.ProcessOutcome;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.process.ProcessSpec;
import dev.ciorchestrator.executor.process.RunningProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs each job in a container of its {@code image}, through the engine's CLI: the {@code
 * container} executor. The CLI runs in the foreground with {@code --rm}, so its output is the
 * container's (streamed into the run's log as a local process's is) and its exit code the script's;
 * a timeout or cancel stops and removes the container through the engine ({@link
 * ContainerStopper}), because killing the CLI alone would leave the container running.
 */
public final class ContainerLauncher implements Launcher {
  public static final String NAME = "container";

  /** Where the workspace is mounted in the container, and its working directory. */
  static final String WORKSPACE = "/workspace";

  /** Where the script is mounted, read-only: the job can read it but not change it. */
  static final String SCRIPT = "/ci-orchestrator/run.sh";

  private static final int LOG_TAIL_BYTES = 4096;

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
    Command command =
        new Command(
            runArgs(engine, launch, name, script),
            process.workspace(),
            engine.processEnv(orchestratorEnv),
            process.logFile());
    try {
      return ProcessRunner.spawn(
          command, process.timeout(), engine.killGrace(), new ContainerStopper(engine, name));
    } catch (IOException e) {
      return RunningProcess.notStarted(startFailure(engine.command(), e));
    }
  }

  /** {@code <engine> run --rm --name ... <image> sh -e /ci-orchestrator/run.sh}. */
  static List<String> runArgs(ContainerEngine engine, Launch launch, String name, Path script) {
    ProcessSpec process = launch.process();
    List<String> argv = engine.prefix();
    argv.addAll(
        List.of(
            "run",
            "--rm",
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

  static String startFailure(String cli, IOException e) {
    String why = String.valueOf(e.getMessage());
    if (why.contains("error=2,")) {
      return "container engine '" + cli + "' not found on PATH";
    }
    return "cannot start container engine '" + cli + "': " + why;
  }

  @Override
  public Verdict verdict(ProcessOutcome outcome, Path logFile) {
    return ContainerOutcomes.verdict(engine.command(), outcome, tail(logFile));
  }

  @Override
  public void lost(String runId) {
    // the old orchestrator's container may still run the job: remove it, it reports to no one
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
