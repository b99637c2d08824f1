package dev.ciorchestrator.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.process.ProcessOutcome.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path tmp;

  private final ProcessRunner runner =
      new ProcessRunner("bash", ProcessRunner.inherited(System.getenv()), Duration.ofMillis(300));

  private Path workspace() throws IOException {
    return Files.createDirectories(tmp.resolve("ws"));
  }

  private Path log() {
    return tmp.resolve("logs/run.log");
  }

  private ProcessOutcome run(String script) throws Exception {
    return run(script, Map.of(), TIMEOUT);
  }

  private ProcessOutcome run(String script, Map<String, String> env, Duration timeout)
      throws Exception {
    ProcessSpec spec = new ProcessSpec(workspace(), script, env, timeout, log());
    return runner.start(spec).outcome().get(30, TimeUnit.SECONDS);
  }

  @Test
  void successMergesStdoutAndStderrIntoTheLog() throws Exception {
    ProcessOutcome outcome = run("echo out; echo err >&2");

    assertThat(outcome.reason()).isEqualTo(Reason.EXITED);
    assertThat(outcome.exitCode()).isZero();
    assertThat(Files.readString(log())).isEqualTo("out\nerr\n");
  }

  @Test
  void nonZeroExitIsReported() throws Exception {
    ProcessOutcome outcome = run("exit 2");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.message()).isEqualTo("exit code 2");
  }

  @Test
  void failingCommandStopsTheScript() throws Exception {
    assertThat(run("false; echo after").exitCode()).isEqualTo(1);
    assertThat(run("false | true; echo after").exitCode()).isEqualTo(1);
    assertThat(Files.readString(log())).doesNotContain("after");
  }

  @Test
  void runsInTheWorkspaceWithTheScriptKeptOutsideIt() throws Exception {
    run("pwd; ls -A");

    assertThat(Files.readString(log())).isEqualTo(workspace().toRealPath() + "\n");
  }

  @Test
  void environmentIsTheCleanBasePlusTheSpec() throws Exception {
    ProcessRunner leaky =
        new ProcessRunner(
            "bash",
            ProcessRunner.inherited(Map.of("PATH", "/usr/bin:/bin", "GITHUB_TOKEN", "secret")),
            Duration.ofMillis(300));
    ProcessSpec spec =
        new ProcessSpec(
            workspace(),
            "echo \"$PATH ${GITHUB_TOKEN:-none} $JOB_NAME\"",
            Map.of("JOB_NAME", "unit"),
            TIMEOUT,
            log());

    leaky.start(spec).outcome().get(30, TimeUnit.SECONDS);

    assertThat(Files.readString(log())).isEqualTo("/usr/bin:/bin none unit\n");
  }

  @Test
  void appendsToAnExistingLog() throws Exception {
    run("echo one");
    run("echo two");

    assertThat(Files.readString(log())).isEqualTo("one\ntwo\n");
  }

  @Test
  void missingWorkspaceFailsToStart() throws Exception {
    ProcessSpec spec = new ProcessSpec(tmp.resolve("nope"), "true", Map.of(), TIMEOUT, log());

    ProcessOutcome outcome = runner.start(spec).outcome().get(30, TimeUnit.SECONDS);

    assertThat(outcome.reason()).isEqualTo(Reason.FAILED_TO_START);
    assertThat(outcome.message()).contains("workspace does not exist");
  }

  @Test
  void unwritableLogDirectoryFailsToStart() throws Exception {
    Path notADirectory = Files.writeString(tmp.resolve("file"), "");
    ProcessSpec spec =
        new ProcessSpec(workspace(), "true", Map.of(), TIMEOUT, notADirectory.resolve("run.log"));

    ProcessOutcome outcome = runner.start(spec).outcome().get(30, TimeUnit.SECONDS);

    assertThat(outcome.reason()).isEqualTo(Reason.FAILED_TO_START);
    assertThat(outcome.message()).startsWith("could not write the script");
  }

  @Test
  void missingBashFailsToStart() throws Exception {
    ProcessRunner broken = new ProcessRunner(tmp + "/no-bash", Map.of(), Duration.ofMillis(300));
    ProcessSpec spec = new ProcessSpec(workspace(), "true", Map.of(), TIMEOUT, log());

    ProcessOutcome outcome = broken.start(spec).outcome().get(30, TimeUnit.SECONDS);

    assertThat(outcome.reason()).isEqualTo(Reason.FAILED_TO_START);
    assertThat(outcome.message()).startsWith("could not start bash");
  }
}
