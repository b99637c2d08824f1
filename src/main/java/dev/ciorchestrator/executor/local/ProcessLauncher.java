package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.executor.process.Launcher;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.process.ProcessOutcome;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.process.RunPreparation;
import dev.ciorchestrator.executor.process.RunningProcess;
import dev.ciorchestrator.executor.process.SupervisorDir;
import java.nio.file.Path;
import java.time.Duration;

/** Runs the script with bash on this machine: the {@code process} executor. */
public final class ProcessLauncher implements Launcher {
  public static final String NAME = "process";

  private final ProcessRunner runner;

  public ProcessLauncher(ProcessRunner runner) {
    this.runner = runner;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RunningProcess launch(Launch launch) {
    if (launch.supervision() == null) {
      return runner.start(launch.process());
    }
    return runner.supervise(launch.process(), launch.supervision(), launch.runId());
  }

  @Override
  public RunningProcess adopt(String runId, SupervisorDir supervision) {
    return runner.adopt(supervision);
  }

  @Override
  public Verdict verdict(ProcessOutcome outcome, Path logFile) {
    return RunPreparation.verdict(outcome, logFile);
  }

  @Override
  public Duration killGrace() {
    return runner.killGrace();
  }
}
