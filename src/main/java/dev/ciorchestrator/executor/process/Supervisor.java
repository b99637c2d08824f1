package dev.ciorchestrator.executor.process;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a run's program under its supervisor ({@code supervise.sh}, shipped in the jar; no JVM of
 * its own), and finds it again after a restart. The supervisor runs in a session of its own ({@code
 * setsid}), so neither the orchestrator's death nor a signal to the orchestrator's process group
 * reaches it; it records itself and the job in a {@link SupervisorDir}, enforces the job's timeout
 * itself, and writes the exit code there when the job ends, whether or not an orchestrator is still
 * there to read it (the pattern of Prow's entrypoint and of conmon).
 */
public final class Supervisor {
  /** Marks every process of a run: the run's id, for people looking at {@code ps e}. */
  public static final String RUN_VAR = "CI_ORCHESTRATOR_RUN";

  /** Marks every process of a run: its supervisor folder, unique per run and per work dir. */
  public static final String RUN_DIR_VAR = "CI_ORCHESTRATOR_RUN_DIR";

  private Supervisor() {}

  /**
   * Starts {@code command} (its argv, working directory, whole environment and log) under a
   * supervisor working in {@code dir}.
   *
   * @param timeout the supervisor stops the job after this, with or without an orchestrator
   * @param grace between SIGTERM and SIGKILL of the job's process group
   * @param preStop how a cancel stops the job before its process group is killed (a container
   *     through its engine); {@link Stopper#NONE} for a plain process
   * @param onTimeout a command the supervisor runs before it signals a timed-out job, or none
   * @throws Programs.NotFound if {@code command}'s program is not found
   * @throws IOException if the supervisor cannot be started (folder not writable, no setsid)
   */
  public static RunningProcess start(
      Command command,
      SupervisorDir dir,
      String runId,
      Duration timeout,
      Duration grace,
      Stopper preStop,
      List<String> onTimeout)
      throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(Programs.resolve(command.argv().get(0)).toString());
    argv.addAll(command.argv().subList(1, command.argv().size()));
    List<String> supervisor;
    try {
      supervisor =
          new ArrayList<>(
              List.of(
                  Programs.resolve("setsid").toString(),
                  Programs.resolve("bash").toString(),
                  "--noprofile",
                  "--norc"));
    } catch (Programs.NotFound e) {
      throw new IOException("the run supervisor needs " + e.getFile() + ", which is not on PATH");
    }
    dir.prepare(timeout, onTimeout);
    supervisor.addAll(
        List.of(
            dir.script().toString(),
            dir.path().toString(),
            Long.toString(Math.max(1, timeout.toMillis())),
            Long.toString(grace.toMillis()),
            runId,
            "--"));
    supervisor.addAll(argv);
    ProcessBuilder builder =
        new ProcessBuilder(supervisor)
            .directory(command.directory().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(command.logFile().toFile()));
    builder.environment().clear();
    builder.environment().putAll(command.env());
    Process process = builder.start();
    return SupervisedProcess.child(process, dir, grace, preStop);
  }

  /**
   * Follows the run a supervisor in {@code dir} runs or ran (started by an earlier orchestrator):
   * if it still runs, its outcome comes when it ends; if it ended, at once from its exit file; if
   * it is gone without one, it is {@link ProcessOutcome.Reason#LOST}, after whatever of the job is
   * still alive was killed.
   */
  public static RunningProcess adopt(SupervisorDir dir, Duration grace, Stopper preStop) {
    return SupervisedProcess.adopted(dir, grace, preStop);
  }

  /** Kills every process of the run in {@code dir} that is still alive; never the supervisor. */
  public static CompletableFuture<Void> killAll(SupervisorDir dir, Duration grace) {
    return ProcessTree.kill(() -> members(dir), grace);
  }

  /**
   * The run's processes: the job's process group and what descends from the job (while the job is
   * the process recorded, not a later one with the same pid), and every process marked with the
   * run's folder, wherever it went.
   */
  static List<ProcessHandle> members(SupervisorDir dir) {
    Map<Long, ProcessHandle> found = new LinkedHashMap<>();
    Optional<ProcessIdentity> job = dir.job().filter(ProcessIdentity::alive);
    Optional<ProcessIdentity> supervisor = dir.supervisor().filter(ProcessIdentity::alive);
    String marker = dir.path().toString();
    for (long pid : ProcFs.pids()) {
      if (supervisor.isPresent() && supervisor.get().pid() == pid) {
        continue; // it records how the job ended, and ends by itself once the job has
      }
      Optional<ProcFs.Stat> stat = ProcFs.stat(pid);
      boolean inGroup =
          job.isPresent() && stat.filter(s -> s.pgrp() == job.get().pid()).isPresent();
      if (inGroup || ProcFs.hasVariable(pid, RUN_DIR_VAR, marker)) {
        ProcessHandle.of(pid).ifPresent(h -> found.put(pid, h));
      }
    }
    // not the supervisor's other children: killing its timer would read as the job's timeout
    job.flatMap(ProcessIdentity::handle)
        .ifPresent(
            h -> {
              found.putIfAbsent(h.pid(), h);
              h.descendants().forEach(d -> found.putIfAbsent(d.pid(), d));
            });
    return List.copyOf(found.values());
  }
}
