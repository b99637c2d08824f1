package dev.ciorchestrator.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunHooks;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.file.FileRunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A process executor on a real repository (a change on {@code feature} into {@code main}) and a
 * file store, which tests restart as the service would be: a new executor on the same work dir and
 * records, while the old one's jobs go on under their supervisors.
 */
final class LocalRuns implements AutoCloseable {
  static final String REPO = "demo/app";
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  final Path tmp;
  final GitRepo git;
  final String head;
  final FileRunStore files;
  final List<RunRecord> heard = new CopyOnWriteArrayList<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  LocalRuns(Path tmp) throws Exception {
    this.tmp = tmp;
    git = GitRepo.init(tmp.resolve("repo"));
    git.write("README.md", "hello\n").commit("root");
    git.checkout("feature", true);
    head = git.write("feature.txt", "feature\n").commit("feature");
    git.checkout("main", false);
    git.write("main.txt", "main\n").commit("main moves on");
    files = new FileRunStore(tmp.resolve("runs"));
  }

  /** An executor (opened: it adopts what an earlier one left) over {@code store}. */
  LocalExecutor executor(RunStore store) {
    return executor(store, RunHooks.NONE);
  }

  /** The same with {@code hooks}, set before it adopts anything, as the service does. */
  LocalExecutor executor(RunStore store, RunHooks hooks) {
    ProcessRunner runner =
        new ProcessRunner("bash", Map.of("PATH", System.getenv("PATH")), Duration.ofMillis(300));
    return new LocalExecutor(
            store,
            new WorkspaceBuilder(),
            new ProcessLauncher(runner),
            new JobSlots(),
            tmp.resolve("work"),
            Clock.fixed(T0, ZoneOffset.UTC),
            heard::add,
            pool,
            Duration.ofMillis(10),
            Duration.ofMillis(50))
        .withHooks(hooks)
        .open();
  }

  RunRecord pending(long change, Job job) throws IOException {
    RunRecord run = TestRuns.pending(RunKey.forChange(REPO, change, head, job.name(), 1), T0);
    assertThat(files.create(run)).isTrue();
    return run;
  }

  RunSpec spec(Job job) {
    return new RunSpec(job, git.dir(), "main", head);
  }

  RunRecord await(String id, Predicate<RunRecord> until) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<RunRecord> run = files.get(id);
      if (run.isPresent() && until.test(run.get())) {
        return run.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run " + id + " did not get there: " + files.get(id));
  }

  RunRecord done(RunRecord run) throws Exception {
    return await(run.id(), r -> r.state().terminal());
  }

  /** A file of the test's own, outside every workspace, that jobs append to. */
  Path ledger() {
    return tmp.resolve("ledger");
  }

  /** Until a job wrote to the {@link #ledger}: its job, not only its record, is running. */
  void awaitLedger() throws InterruptedException {
    for (int i = 0; i < 1500; i++) {
      if (Files.exists(ledger())) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no job wrote to " + ledger());
  }

  @Override
  public void close() {
    pool.shutdownNow();
    git.close();
  }
}
