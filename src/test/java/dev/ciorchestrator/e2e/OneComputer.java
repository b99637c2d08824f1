package dev.ciorchestrator.e2e;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.sync.ConfigSync;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.RepoExtension;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The whole embedded default on a temporary folder, built from the same classes the service wires:
 * the local forge over a real bare repository, real bash runs in real workspaces, run records and
 * watermarks on disk. {@link #restart()} drops every object and builds them again from the files,
 * as a new process would.
 */
final class OneComputer implements AutoCloseable {
  static final String REPO = "acme/app";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  final Path dir;
  final Path holdFile;
  final TestGitRepo work;
  final Path bare;
  final ConfigSnapshot snapshot;
  final Clock clock = Clock.systemUTC();
  LocalForgeStore store;
  LocalForge forge;
  RunStore runs;
  LocalExecutor executor;
  RepoReconciler reconciler;
  private ExecutorService pool;

  /** What the reconciler of each (re)start takes part with, built from this computer. */
  interface Extensions {
    List<RepoExtension> of(OneComputer computer) throws IOException;
  }

  private final Extensions extensions;

  OneComputer(Path dir) throws IOException, GitAPIException {
    this(dir, "src/test/resources/e2e/ci.yaml", c -> List.of(), "app.txt", "ok\n");
  }

  /**
   * @param config the config file, with {@code HOLD_FILE_PATH} replaced by {@link #holdFile}
   * @param mainFiles path, then content, of each file of main's first commit
   */
  OneComputer(Path dir, String config, Extensions extensions, String... mainFiles)
      throws IOException, GitAPIException {
    this.dir = dir;
    this.extensions = extensions;
    this.holdFile = dir.resolve("hold-test-job");
    work = TestGitRepo.init(dir.resolve("work"));
    String[] files = java.util.Arrays.copyOf(mainFiles, mainFiles.length + 2);
    files[mainFiles.length] = "README.md";
    files[mainFiles.length + 1] = "app\n";
    work.commit("main", "main", TestGitRepo.files(files));
    bare = work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), REPO));
    snapshot = loadConfig(dir.resolve("config"), config);
    start();
  }

  private ConfigSnapshot loadConfig(Path configDir, String config) throws IOException {
    Files.createDirectories(configDir);
    String yaml = Files.readString(Path.of(config)).replace("HOLD_FILE_PATH", holdFile.toString());
    Files.writeString(configDir.resolve("ci.yaml"), yaml);
    ConfigSync sync =
        new ConfigSync(
            new DirectoryConfigSource(configDir), new ConfigLoader(new CelPolicyEngine()), clock);
    sync.sync();
    ConfigSnapshot loaded = sync.current();
    if (loaded.repositories().isEmpty()) {
      throw new IllegalStateException("e2e config did not load: " + sync.status().errors());
    }
    return loaded;
  }

  private void start() throws IOException {
    store = new LocalForgeStore(dir.resolve("forge.json"), clock);
    forge =
        new LocalForge(store, dir.resolve("repos"), "ci-orchestrator", clock, snapshot::repository);
    runs = new FileRunStore(dir.resolve("runs/records"));
    pool = Executors.newCachedThreadPool();
    executor =
        new LocalExecutor(
            runs,
            new WorkspaceBuilder(),
            new ProcessRunner(),
            new JobSlots(),
            dir.resolve("runs"),
            clock,
            new RunEvents(),
            pool);
    reconciler = reconciler(runs, executor);
  }

  /** The same wiring over another run store and executor, e.g. ones that simulate a crash. */
  void reconcilerWith(RunStore store, dev.ciorchestrator.executor.Executor other)
      throws IOException {
    reconciler = reconciler(store, other);
  }

  private RepoReconciler reconciler(RunStore store, dev.ciorchestrator.executor.Executor other)
      throws IOException {
    return new RepoReconciler(
        Map.of("local", forge),
        store,
        other,
        new FileWatermarks(dir.resolve("watermarks.json")),
        new dev.ciorchestrator.run.file.FileControllerMemory(
            dir.resolve("memory.json"), dev.ciorchestrator.run.WriteFence.open()),
        clock,
        new RunLinks("http://ci.test"),
        Duration.ofMinutes(5),
        LoopMetrics.NONE,
        dev.ciorchestrator.reconcile.GateListener.NONE,
        dev.ciorchestrator.reconcile.PlanRules.DEFAULT,
        new dev.ciorchestrator.reconcile.ChangeBoard(),
        extensions.of(this));
  }

  /** A new process on the same files: nothing in memory survives. */
  void restart() throws IOException {
    pool.shutdownNow();
    start();
  }

  Repository repository() {
    return snapshot.repositories().get(0);
  }

  void pass() throws IOException {
    reconciler.reconcile(snapshot, repository());
  }

  /** Reconciles until {@code done}, as the timer and run events would; fails after a minute. */
  void passUntil(String what, BooleanSupplier done) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      pass();
      if (done.getAsBoolean()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "not reached within " + PATIENCE + ": " + what + "\nruns: " + runs.all());
      }
      Thread.sleep(20);
    }
  }

  /** Commits on {@code branch} (from main if new) and pushes only that branch to the forge. */
  String push(String branch, String from, String... pathThenContent)
      throws IOException, GitAPIException {
    String sha = work.commit(branch, from, TestGitRepo.files(pathThenContent));
    work.push(bare, branch);
    return sha;
  }

  LocalChange open(String author, String branch, String head) throws IOException {
    return store.open(
        REPO, "Change from " + branch, author, branch, "main", false, head, clock.instant());
  }

  LocalChange change(long number) {
    return store.get(REPO, number).orElseThrow();
  }

  void comment(long number, String author, String body) throws IOException {
    store.comment(REPO, number, author, body, clock.instant());
  }

  List<RunRecord> runsOf(long number) {
    try {
      return runs.forRepo(REPO).stream().filter(r -> r.key().change() == number).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean allFinished(long number, int expected) {
    List<RunRecord> mine = runsOf(number);
    return mine.size() == expected && mine.stream().allMatch(r -> r.state().terminal());
  }

  Map<String, CommitStatus> statuses(String sha) {
    return store.statuses(REPO, sha);
  }

  String mainTip() throws IOException {
    try (var repo =
        new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
            .setGitDir(bare.toFile())
            .build()) {
      return repo.exactRef("refs/heads/main").getObjectId().name();
    }
  }

  /**
   * Ends every run this computer's executor still holds (a postsubmit started by the merge may be
   * running) and waits until they are recorded and the run threads are done: otherwise a late
   * record write races JUnit deleting the temp folder.
   */
  @Override
  public void close() throws IOException {
    Files.deleteIfExists(holdFile);
    List<String> held = new java.util.ArrayList<>();
    for (RunRecord r : runs.all()) {
      if (!r.state().terminal() && executor.cancel(r.id(), "test over")) {
        held.add(r.id());
      }
    }
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    try {
      while (System.nanoTime() < deadline
          && held.stream()
              .anyMatch(id -> !stored(id).map(r -> r.state().terminal()).orElse(true))) {
        Thread.sleep(20);
      }
      pool.shutdown();
      pool.awaitTermination(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pool.shutdownNow();
      work.close();
    }
  }

  private java.util.Optional<RunRecord> stored(String id) {
    try {
      return runs.get(id);
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
