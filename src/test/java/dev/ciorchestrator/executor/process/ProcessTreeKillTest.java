package dev.ciorchestrator.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.process.ProcessOutcome.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts and cancels must take the background children with them, not only bash. */
class ProcessTreeKillTest {
  @TempDir Path tmp;

  private final ProcessRunner runner =
      new ProcessRunner("bash", ProcessRunner.inherited(System.getenv()), Duration.ofMillis(300));

  private RunningProcess startWithChild(String prelude, Duration timeout) throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    String script = prelude + "sleep 60 &\necho $! > ../child.pid\nwait\n";
    return runner.start(new ProcessSpec(ws, script, Map.of(), timeout, tmp.resolve("run.log")));
  }

  private long childPid() throws Exception {
    Path pidFile = tmp.resolve("child.pid");
    for (int i = 0; i < 1000 && (!Files.exists(pidFile) || Files.size(pidFile) == 0); i++) {
      Thread.sleep(10);
    }
    return Long.parseLong(Files.readString(pidFile).trim());
  }

  /** Zombies count as dead: the sandbox's PID 1 may reap orphans late. */
  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(h -> !ProcessTree.gone(h)).orElse(false);
  }

  @Test
  void timeoutKillsTheWholeTree() throws Exception {
    RunningProcess running = startWithChild("", Duration.ofSeconds(2));
    long child = childPid();
    assertThat(alive(child)).isTrue();

    ProcessOutcome outcome = running.outcome().get(30, TimeUnit.SECONDS);

    assertThat(outcome.reason()).isEqualTo(Reason.TIMED_OUT);
    assertThat(outcome.message()).isEqualTo("timed out after 2s");
    // The child sleeps 60 s: ending well before that means the timeout took the tree down. A
    // loaded CI machine may be slow to start bash, so no tighter bound is asserted.
    assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(30));
    assertThat(alive(child)).isFalse();
  }

  @Test
  void cancelKillsTheWholeTree() throws Exception {
    RunningProcess running = startWithChild("", Duration.ofSeconds(30));
    long child = childPid();

    running.cancel();
    ProcessOutcome outcome = running.outcome().get(30, TimeUnit.SECONDS);

    assertThat(outcome.reason()).isEqualTo(Reason.CANCELLED);
    assertThat(alive(child)).isFalse();
  }

  @Test
  void treeIgnoringSigtermIsKilledForcibly() throws Exception {
    RunningProcess running = startWithChild("trap '' TERM\n", Duration.ofSeconds(30));
    long child = childPid();

    running.cancel();
    ProcessOutcome outcome = running.outcome().get(30, TimeUnit.SECONDS);

    assertThat(outcome.reason()).isEqualTo(Reason.CANCELLED);
    assertThat(outcome.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(alive(child)).isFalse();
  }

  @Test
  void cancelAfterExitChangesNothing() throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    RunningProcess running =
        runner.start(
            new ProcessSpec(ws, "exit 3", Map.of(), Duration.ofSeconds(5), tmp.resolve("r.log")));
    running.outcome().get(30, TimeUnit.SECONDS);

    running.cancel();

    assertThat(running.outcome().get().reason()).isEqualTo(Reason.EXITED);
    assertThat(running.outcome().get().exitCode()).isEqualTo(3);
  }
}
