package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.process.ProcessOutcome;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.process.RunningProcess;
import java.nio.file.Path;

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
    return runner.start(launch.process());
  }

  @Override
  public Verdict verdict(ProcessOutcome outcome, Path logFile) {
    return RunPreparation.verdict(outcome, logFile);
  }
}
