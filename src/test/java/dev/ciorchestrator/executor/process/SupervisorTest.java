package dev.ciorchestrator.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.process.ProcessOutcome.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run supervisor ({@code supervise.sh}) with real bash and real processes: what it records,
 * what it kills, and what an orchestrator that adopts it afterwards finds.
 */
class SupervisorTest {
  private static final Duration GRACE = Duration.ofMillis(300);

  @TempDir Path tmp;
  private final ProcessRunner runner =
      new ProcessRunner("bash", ProcessRunner.inherited(System.getenv()), GRACE);

  @AfterEach
  void killLeftovers() {
    Supervisor.killAll(dir(), GRACE).join(); // a failed test must not leave its sleeps running
  }

  private SupervisorDir dir() {
    return new SupervisorDir(tmp.resolve("supervised/run-1"));
  }

  private RunningProcess start(String script, Duration timeout) throws IOException {
    return start(runner, script, timeout);
  }

  private RunningProcess start(ProcessRunner with, String script, Duration timeout)
      throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    ProcessSpec spec = new ProcessSpec(ws, script, Map.of(), timeout, tmp.resolve("run.log"));
    return with.supervise(spec, dir(), "run-1");
  }

  /**
   * The job under a supervisor that no one in this JVM follows, as an orchestrator that died would
   * have left it.
   */
  private void startUnfollowed(String script, Duration timeout) throws IOException {
    dir().prepare(timeout, List.of());
    launchUnfollowed(script, timeout);
  }

  /** {@link #startUnfollowed} into a folder already prepared. */
  private void launchUnfollowed(String script, Duration timeout) throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Path scriptFile = Files.writeString(tmp.resolve("job.sh"), script);
    new ProcessBuilder(
            "setsid",
            "bash",
            dir().script().toString(),
            dir().path().toString(),
            Long.toString(timeout.toMillis()),
            Long.toString(GRACE.toMillis()),
            "run-1",
            "--",
            "bash",
            scriptFile.toString())
        .directory(ws.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("run.log").toFile()))
        .start()
        .getOutputStream()
        .close();
  }

  private static ProcessOutcome outcome(RunningProcess running) throws Exception {
    return running.outcome().get(60, TimeUnit.SECONDS);
  }

  private long pidFrom(String file) throws Exception {
    Path path = tmp.resolve("ws").resolve(file);
    for (int i = 0; i < 3000 && (!Files.exists(path) || Files.size(path) == 0); i++) {
      Thread.sleep(10);
    }
    return Long.parseLong(Files.readString(path).strip());
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(h -> !ProcessTree.gone(h)).orElse(false);
  }

  @Test
  void aCancelAskedForBeforeTheJobRecordedItselfKeepsTheJobFromStarting() throws Exception {
    // the cancel of a run whose supervisor is still starting finds no job to signal: the request
    // it leaves in the folder is what stops the job
    dir().prepare(Duration.ofSeconds(30), List.of());
    dir().requestStop();
    launchUnfollowed("touch started; sleep 60", Duration.ofSeconds(30));

    for (int i = 0; i < 3000 && dir().exit().isEmpty(); i++) {
      Thread.sleep(10);
    }

    assertThat(dir().exit()).map(SupervisorDir.Exit::code).contains(143);
    assertThat(tmp.resolve("ws/started")).doesNotExist();
  }

  @Test
  void theJobRunsInASessionOfItsOwnAndItsEndIsWrittenDown() throws Exception {
    ProcessOutcome end = outcome(start("echo out; exit 3", Duration.ofSeconds(30)));

    assertThat(end.reason()).isEqualTo(Reason.EXITED);
    assertThat(end.exitCode()).isEqualTo(3);
    assertThat(end.message()).isEqualTo("exit code 3");
    assertThat(Files.readString(tmp.resolve("run.log"))).isEqualTo("out\n");
    SupervisorDir.Exit exit = dir().exit().orElseThrow();
    assertThat(exit.code()).isEqualTo(3);
    assertThat(exit.timedOut()).isFalse();
    assertThat(exit.endedBefore(System.currentTimeMillis() + 1)).isTrue();
    ProcessIdentity supervisor = dir().supervisor().orElseThrow();
    ProcessIdentity job = dir().job().orElseThrow();
    assertThat(supervisor.bootId()).isEqualTo(ProcFs.bootId());
    assertThat(supervisor.pid()).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(job.pid()).isNotEqualTo(supervisor.pid());
    assertThat(supervisor.alive()).as("ended").isFalse();
  }

  @Test
  void theSupervisorIsNotInTheOrchestratorsSessionAndTheJobLeadsItsOwnGroup() throws Exception {
    RunningProcess running = start("echo $$ > job.pid; sleep 60", Duration.ofSeconds(30));
    long job = pidFrom("job.pid");
    ProcFs.Stat stat = ProcFs.stat(job).orElseThrow();
    long orchestratorSession = ProcFs.stat(ProcessHandle.current().pid()).orElseThrow().session();

    assertThat(stat.pgrp()).as("its own process group").isEqualTo(job);
    assertThat(stat.session()).as("its own session").isEqualTo(job);
    ProcessIdentity supervisor = dir().supervisor().orElseThrow();
    assertThat(ProcFs.stat(supervisor.pid()).orElseThrow().session())
        .as("a signal to the orchestrator's session does not reach it")
        .isNotEqualTo(orchestratorSession)
        .isEqualTo(supervisor.pid());
    assertThat(ProcFs.hasVariable(job, Supervisor.RUN_VAR, "run-1")).isTrue();
    assertThat(ProcFs.hasVariable(job, Supervisor.RUN_DIR_VAR, dir().path().toString())).isTrue();

    running.cancel();
    assertThat(outcome(running).reason()).isEqualTo(Reason.CANCELLED);
    assertThat(alive(job)).isFalse();
  }

  /**
   * A job that ended while the supervisor ran a command of its own may be dropped from bash's job
   * table, where {@code wait -n} no longer finds it ("no such job") and would wait for the timeout
   * instead: the supervisor's {@code await} must still see it end, with its exit code. Runs the
   * shipped function; {@code jobs} drops the ended job as such a command can.
   */
  @Test
  void awaitSeesAJobThatBashAlreadyDroppedFromItsJobTable() throws Exception {
    String shipped;
    try (InputStream in = Supervisor.class.getResourceAsStream(SupervisorDir.RESOURCE)) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher await = Pattern.compile("(?ms)^await\\(\\) \\{.*?^\\}$").matcher(shipped);
    assertThat(await.find()).as("await() in supervise.sh").isTrue();
    String script =
        await.group()
            + "\nbin_sleep=sleep\n"
            + "sh -c 'exit 7' & job=$!\n"
            + "sleep 0.3\n"
            + "jobs >/dev/null\n"
            + "sleep 30 & timer=$!\n"
            + "await \"$job\" \"$timer\"\n"
            + "[ \"$ended\" = \"$job\" ] && echo \"job $code\" || echo \"timer $code\"\n"
            + "kill $timer\n";
    Process bash =
        new ProcessBuilder("bash", "--noprofile", "--norc", "-c", script)
            .redirectErrorStream(true)
            .start();
    try {
      assertThat(bash.waitFor(20, TimeUnit.SECONDS)).as("await returned").isTrue();
      assertThat(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
          .isEqualTo("job 7");
    } finally {
      bash.descendants().forEach(ProcessHandle::destroyForcibly);
      bash.destroyForcibly();
    }
  }

  @Test
  void theSupervisorEnforcesTheTimeoutItself() throws Exception {
    ProcessOutcome end = outcome(start("trap '' TERM; sleep 60", Duration.ofSeconds(1)));

    assertThat(end.reason()).isEqualTo(Reason.TIMED_OUT);
    assertThat(end.message()).isEqualTo("timed out after 1s");
    assertThat(dir().exit().orElseThrow().timedOut()).isTrue();
    // the job sleeps 60 s and ignores SIGTERM: ending well before proves SIGKILL followed
    assertThat(end.elapsed()).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void whatTheJobLeftInItsGroupEndsWithIt() throws Exception {
    ProcessOutcome end = outcome(start("sleep 60 & echo $! > child.pid", Duration.ofSeconds(30)));

    assertThat(end.exitCode()).isZero();
    assertThat(alive(pidFrom("child.pid"))).isFalse();
  }

  @Test
  void aJobThatEndedByItselfJustBeforeAStopKeepsItsResult() throws Exception {
    // the job's leftover ignores SIGTERM, which keeps the supervisor sweeping (for the grace
    // period, 2 s here) before it writes the exit file
    RunningProcess running =
        start(
            new ProcessRunner(
                "bash", ProcessRunner.inherited(System.getenv()), Duration.ofSeconds(2)),
            "(trap '' TERM; exec sleep 60) &\necho $$ > job.pid\nexit 0",
            Duration.ofSeconds(30));
    long job = pidFrom("job.pid");
    while (ProcessHandle.of(job).filter(ProcessHandle::isAlive).isPresent()) {
      Thread.sleep(5); // until its supervisor has reaped it (a zombie is still "alive" here)
    }
    Thread.sleep(200); // the supervisor notes the end at once; its sweep then waits the grace

    running.cancel();

    ProcessOutcome end = outcome(running);
    assertThat(end.reason()).isEqualTo(Reason.EXITED);
    assertThat(end.exitCode()).isZero();
  }

  @Test
  void aJobThatExitsZeroWhileBeingStoppedCompletedAndKeepsItsSuccess() throws Exception {
    RunningProcess running =
        start("trap 'exit 0' TERM\necho $$ > job.pid\nsleep 60 & wait", Duration.ofSeconds(30));
    pidFrom("job.pid");

    running.cancel();

    ProcessOutcome end = outcome(running);
    assertThat(end.reason()).isEqualTo(Reason.EXITED);
    assertThat(end.exitCode()).isZero();
  }

  @Test
  void aProcessThatLeftTheJobsSessionIsFoundByItsMark() throws Exception {
    ProcessOutcome end =
        outcome(start("setsid sleep 60 & echo $! > escaped.pid", Duration.ofSeconds(30)));

    assertThat(end.exitCode()).isZero();
    assertThat(alive(pidFrom("escaped.pid"))).isFalse();
  }

  @Test
  void anAdoptedRunStillRunningIsFollowedToItsEnd() throws Exception {
    startUnfollowed("sleep 1; exit 4", Duration.ofSeconds(30));

    // the orchestrator after a restart: not the supervisor's parent, and maybe before its record
    ProcessOutcome end = outcome(Supervisor.adopt(dir(), GRACE, Stopper.NONE));

    assertThat(end.reason()).isEqualTo(Reason.EXITED);
    assertThat(end.exitCode()).isEqualTo(4);
  }

  @Test
  void anAdoptedRunThatEndedMeanwhileKeepsItsExitCodeAndTimeout() throws Exception {
    startUnfollowed("trap '' TERM; sleep 60", Duration.ofMillis(500));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (dir().exit().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    ProcessOutcome end = outcome(Supervisor.adopt(dir(), GRACE, Stopper.NONE));

    assertThat(end.reason()).isEqualTo(Reason.TIMED_OUT);
    assertThat(end.message()).isEqualTo("timed out after 500ms");
  }

  @Test
  void aSupervisorKilledBeforeItsJobIsLostAndTheJobIsKilledBeforeAnyoneRetries() throws Exception {
    startUnfollowed("echo $$ > job.pid; sleep 60", Duration.ofSeconds(30));
    long job = pidFrom("job.pid");
    ProcessHandle supervisor = dir().supervisor().flatMap(ProcessIdentity::handle).orElseThrow();
    supervisor.destroyForcibly();
    supervisor.onExit().get(30, TimeUnit.SECONDS);
    assertThat(alive(job)).as("the job outlived its supervisor").isTrue();

    ProcessOutcome end = outcome(Supervisor.adopt(dir(), GRACE, Stopper.NONE));

    assertThat(end.reason()).isEqualTo(Reason.LOST);
    assertThat(alive(job)).isFalse();
  }

  @Test
  void aSupervisorKilledUnderARunningOrchestratorIsLostAndItsJobKilled() throws Exception {
    RunningProcess running = start("echo $$ > job.pid; sleep 60", Duration.ofSeconds(30));
    long job = pidFrom("job.pid");

    dir().supervisor().flatMap(ProcessIdentity::handle).orElseThrow().destroyForcibly();

    ProcessOutcome end = outcome(running);
    assertThat(end.reason()).isEqualTo(Reason.LOST);
    assertThat(end.message()).startsWith("the run's supervisor ended (status 137)");
    assertThat(alive(job)).isFalse();
  }

  @Test
  void aSupervisorKilledAfterItsOrchestratorLetGoLeavesItsJobToTheAdopter() throws Exception {
    RunningProcess running = start("echo $$ > job.pid; sleep 60", Duration.ofSeconds(30));
    long job = pidFrom("job.pid");
    running.letGo(); // as the orchestrator's death would

    dir().supervisor().flatMap(ProcessIdentity::handle).orElseThrow().destroyForcibly();

    // completes once this JVM has seen the supervisor end, and done all it does about it
    assertThat(outcome(running).reason()).isEqualTo(Reason.LOST);
    assertThat(alive(job)).as("left running for the orchestrator that adopts the run").isTrue();
    assertThat(outcome(Supervisor.adopt(dir(), GRACE, Stopper.NONE)).reason())
        .isEqualTo(Reason.LOST);
    assertThat(alive(job)).isFalse();
  }

  @Test
  void aCancelAfterALetGoStillStopsTheJob() throws Exception {
    RunningProcess running = start("echo $$ > job.pid; sleep 60", Duration.ofSeconds(30));
    long job = pidFrom("job.pid");
    running.letGo();

    running.cancel();

    assertThat(outcome(running).reason()).isEqualTo(Reason.CANCELLED);
    assertThat(alive(job)).isFalse();
  }

  @Test
  void aSupervisorThatNeverStartedIsLostAndSaysItsJobDidNotRun() throws Exception {
    dir().prepare(Duration.ofSeconds(30), List.of()); // then the orchestrator died
    Files.setLastModifiedTime(
        dir().path().resolve(SupervisorDir.TIMEOUT),
        FileTime.fromMillis(System.currentTimeMillis() - SupervisorDir.STARTUP.toMillis() - 1000));

    ProcessOutcome end = outcome(Supervisor.adopt(dir(), GRACE, Stopper.NONE));

    assertThat(end.reason()).isEqualTo(Reason.LOST);
    assertThat(end.message()).contains("never started").contains("did not run");
  }

  @Test
  void aReusedPidIsNeverTakenForTheRecordedProcess() throws IOException {
    ProcFs.Stat self = ProcFs.stat(ProcessHandle.current().pid()).orElseThrow();
    String boot = ProcFs.bootId();

    assertThat(new ProcessIdentity(self.pid(), self.startTicks(), boot).alive()).isTrue();
    assertThat(new ProcessIdentity(self.pid(), self.startTicks() + 1, boot).alive())
        .as("same pid, another start time: another process")
        .isFalse();
    assertThat(new ProcessIdentity(self.pid(), self.startTicks(), "another-boot").alive())
        .as("recorded before the machine restarted")
        .isFalse();
    Files.createDirectories(dir().path());
    Files.writeString(dir().path().resolve("supervisor"), self.pid() + " 1 " + boot + "\n");
    assertThat(dir().supervisor().orElseThrow().alive()).isFalse();
  }

  @Test
  void aStatLineIsReadAfterTheLastParenthesisOfTheCommandName() {
    String line =
        "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 987654 1 1 1 1 1";

    ProcFs.Stat stat = ProcFs.parse(4242, line);

    assertThat(stat).isEqualTo(new ProcFs.Stat(4242, 'S', 1, 4242, 4242, 987654));
    assertThat(ProcessIdentity.parse("4242 987654 boot-1"))
        .contains(new ProcessIdentity(4242, 987654, "boot-1"));
    assertThat(ProcessIdentity.parse("4242 x boot-1")).isEmpty();
    assertThat(SupervisorDir.shellWords(List.of("podman", "it's")))
        .isEqualTo("'podman' 'it'\\''s'");
  }
}
