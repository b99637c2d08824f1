package dev.ciorchestrator.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts job scripts as local bash processes. Never throws for a job that cannot start: that is an
 * outcome ({@link ProcessOutcome.Reason#FAILED_TO_START}) like any other, so the caller has one
 * path to record it.
 */
public final class ProcessRunner {
  /**
   * What a job inherits from the orchestrator: enough to find tools and a temp directory, nothing
   * else, because the orchestrator's environment holds forge tokens and webhook secrets.
   */
  static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TMPDIR");

  private final String bash;
  private final Map<String, String> baseEnv;
  private final Duration killGrace;

  public ProcessRunner() {
    this("bash", inherited(System.getenv()), Duration.ofSeconds(2));
  }

  /**
   * @param bash the bash executable (a name looked up on the orchestrator's PATH, or a path)
   * @param killGrace how long a killed tree gets between SIGTERM and SIGKILL
   */
  public ProcessRunner(String bash, Map<String, String> baseEnv, Duration killGrace) {
    this.bash = bash;
    this.baseEnv = Map.copyOf(baseEnv);
    this.killGrace = killGrace;
  }

  /** Between SIGTERM and SIGKILL when a job's processes are stopped. */
  public Duration killGrace() {
    return killGrace;
  }

  static Map<String, String> inherited(Map<String, String> from) {
    Map<String, String> env = new HashMap<>();
    INHERITED.stream().filter(from::containsKey).forEach(name -> env.put(name, from.get(name)));
    return env;
  }

  /**
   * Starts the job as a child of this JVM, which enforces its timeout and kills its tree: for
   * {@code ci-orchestrator run}, which lives exactly as long as the job. The service uses {@link
   * #supervise}.
   */
  public RunningProcess start(ProcessSpec spec) {
    Command command;
    try {
      command = command(spec);
    } catch (IOException e) {
      return RunningProcess.notStarted(e.getMessage());
    }
    try {
      return spawn(command, spec.timeout(), killGrace, Stopper.PROCESS_TREE);
    } catch (IOException e) {
      return RunningProcess.notStarted("could not start bash: " + e.getMessage());
    }
  }

  /**
   * Starts the job under a supervisor working in {@code dir} ({@link Supervisor}): it outlives this
   * JVM, enforces the timeout itself and leaves the exit code in {@code dir}.
   */
  public RunningProcess supervise(ProcessSpec spec, SupervisorDir dir, String runId) {
    Command command;
    try {
      command = command(spec);
    } catch (IOException e) {
      return RunningProcess.notStarted(e.getMessage());
    }
    try {
      return Supervisor.start(
          command, dir, runId, spec.timeout(), killGrace, Stopper.NONE, List.of());
    } catch (Programs.NotFound e) {
      return RunningProcess.notStarted("could not start bash: " + e.getMessage());
    } catch (IOException e) {
      return RunningProcess.notStarted("could not start the run's supervisor: " + e.getMessage());
    }
  }

  /** A job this machine's earlier orchestrator started under a supervisor in {@code dir}. */
  public RunningProcess adopt(SupervisorDir dir) {
    return Supervisor.adopt(dir, killGrace, Stopper.NONE);
  }

  /** bash running the job's script (written next to the log) in the workspace. */
  private Command command(ProcessSpec spec) throws IOException {
    if (!Files.isDirectory(spec.workspace())) {
      throw new IOException("workspace does not exist: " + spec.workspace());
    }
    Path scriptFile;
    try {
      scriptFile = writeScript(spec);
    } catch (IOException e) {
      throw new IOException("could not write the script next to the log: " + e, e);
    }
    Map<String, String> env = new HashMap<>(baseEnv);
    env.putAll(spec.env());
    return new Command(
        List.of(bash, "--noprofile", "--norc", "-e", "-o", "pipefail", scriptFile.toString()),
        spec.workspace(),
        env,
        spec.logFile());
  }

  /**
   * Starts {@code command} and watches it: after {@code timeout}, or on cancel, {@code stopper}
   * stops it.
   *
   * @throws IOException if the program cannot be started (not found, not executable)
   */
  public static RunningProcess spawn(
      Command command, Duration timeout, Duration killGrace, Stopper stopper) throws IOException {
    long startNanos = System.nanoTime();
    ProcessBuilder builder =
        new ProcessBuilder(command.argv())
            .directory(command.directory().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(command.logFile().toFile()));
    builder.environment().clear();
    builder.environment().putAll(command.env());
    Process process = builder.start();
    closeQuietly(process);
    return WatchedProcess.watch(process, startNanos, timeout, killGrace, stopper);
  }

  /**
   * Writes the job's script next to its log ({@code <log>.sh}), never into the workspace, so the
   * job cannot see or change it there.
   */
  public static Path writeScript(ProcessSpec spec) throws IOException {
    Path log = spec.logFile().toAbsolutePath();
    Files.createDirectories(log.getParent());
    Path scriptFile = log.resolveSibling(log.getFileName() + ".sh");
    Files.writeString(scriptFile, spec.script());
    return scriptFile;
  }

  /** A job has no input; a script that reads stdin gets end-of-file instead of hanging. */
  private static void closeQuietly(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // nothing was written, so there is nothing to lose
    }
  }
}
