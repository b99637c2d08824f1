package dev.ciorchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No job outlives or doubles its run, on the packaged service with real jobs: it is killed ({@code
 * kill -9}) and stopped (SIGTERM) while jobs run, and started again each time. The jobs write a
 * ledger outside their workspaces, which shows every execution with its run id and pid.
 */
class SupervisedRunsIT {
  private static final int CHANGES = 4;

  @TempDir Path dir;
  private CrashLab lab;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aCrashLosesNoResultAStopLeavesNothingRunningAndNoJobRunsTwiceAtOnce() throws Exception {
    lab = CrashLab.create(dir, CHANGES, 4, 2, 1, Duration.ofMillis(500));
    lab.service().start();
    for (int n = 1; n <= CHANGES; n++) {
      lab.open(n);
    }
    awaitExecutions("the first jobs run (two of each job at a time)", 6);

    lab.service().kill();
    List<Long> orphans = lab.runProcesses();
    assertThat(orphans).as("jobs go on under their supervisors after kill -9").isNotEmpty();

    lab.service().start();
    int before = lab.ledger().executions().size();
    awaitExecutions("more jobs run after the restart", before + 1);
    assertThat(lab.runProcesses()).as("jobs run when the SIGTERM comes").isNotEmpty();

    lab.service().stop();
    assertThat(lab.runProcesses()).as("job processes left after a graceful stop").isEmpty();
    List<RunRecord> stopped =
        lab.records().stream().filter(r -> r.message().startsWith("the service stopped")).toList();
    assertThat(stopped)
        .as("runs the stop ended, in error")
        .isNotEmpty()
        .allMatch(r -> r.state() == RunState.ERROR);
    assertThat(lab.records())
        .as("no run left running by the stop")
        .noneMatch(r -> r.state() == RunState.RUNNING);

    lab.service().start();
    lab.service().waitFor("every job of every change succeeds", this::allSucceeded);
    lab.service().stop();

    assertThat(lab.runProcesses()).isEmpty();
    assertThat(lab.duplicates()).as("executions of one job at once").isEmpty();
    assertThat(lab.lostResults()).as("results lost").isEmpty();
    Set<String> executed =
        lab.ledger().executions().stream()
            .map(RunLedger.Execution::runId)
            .collect(Collectors.toSet());
    assertThat(lab.records())
        .as("runs in error whose job ran, but that the service did not stop")
        .filteredOn(r -> r.state() == RunState.ERROR && executed.contains(r.id()))
        .allMatch(r -> r.message().startsWith("the service stopped"), "stopped by the service");
  }

  private boolean allSucceeded() {
    try {
      return lab.allSucceeded();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private void awaitExecutions(String what, int count) throws InterruptedException {
    lab.service()
        .waitFor(
            what + " (" + count + " executions)",
            () -> {
              try {
                return lab.ledger().executions().size() >= count;
              } catch (java.io.IOException e) {
                return false;
              }
            });
  }
}
