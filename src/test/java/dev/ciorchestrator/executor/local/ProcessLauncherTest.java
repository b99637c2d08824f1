package dev.ciorchestrator.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.process.Launcher;
import dev.ciorchestrator.executor.process.ProcessOutcome;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.process.ProcessSpec;
import dev.ciorchestrator.executor.process.SupervisorDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash launcher, supervised (the service) and as this JVM's own child (the CLI). */
class ProcessLauncherTest {
  @TempDir Path tmp;

  private final ProcessLauncher launcher =
      new ProcessLauncher(
          new ProcessRunner("bash", Map.of("PATH", System.getenv("PATH")), Duration.ofMillis(300)));

  private ProcessSpec spec() throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    return new ProcessSpec(
        ws,
        "echo \"$CI_ORCHESTRATOR_RUN\"",
        Map.of(),
        Duration.ofSeconds(30),
        tmp.resolve("run.log"));
  }

  @Test
  void aSupervisedLaunchLeavesItsExitCodeInItsFolderAndMarksTheJob() throws Exception {
    SupervisorDir dir = new SupervisorDir(tmp.resolve("supervised/run-1"));

    ProcessOutcome end =
        launcher
            .launch(new Launcher.Launch("run-1", Jobs.job("unit", ""), spec(), dir))
            .outcome()
            .get(60, TimeUnit.SECONDS);

    assertThat(end.exitCode()).isZero();
    assertThat(dir.exit()).isPresent();
    assertThat(Files.readString(tmp.resolve("run.log"))).isEqualTo("run-1\n");
  }

  @Test
  void aLaunchWithoutSupervisionIsThisJvmsChild() throws Exception {
    ProcessOutcome end =
        launcher
            .launch(new Launcher.Launch("run-1", Jobs.job("unit", ""), spec()))
            .outcome()
            .get(60, TimeUnit.SECONDS);

    assertThat(end.exitCode()).isZero();
    assertThat(tmp.resolve("supervised")).doesNotExist();
    assertThat(Files.readString(tmp.resolve("run.log"))).as("not marked").isEqualTo("\n");
  }
}
