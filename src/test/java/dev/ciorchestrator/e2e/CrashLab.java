package dev.ciorchestrator.e2e;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.process.ProcFs;
import dev.ciorchestrator.executor.process.Supervisor;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.testing.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tester's crash experiment on the packaged service: one repository in the embedded forge,
 * {@code changes} open changes, three jobs each that write a {@link RunLedger} and sleep; the test
 * or bench kills ({@code kill -9}) and stops (SIGTERM) the service during runs, starts it again,
 * and asks the ledger, the run records and {@code /proc} what happened.
 */
public final class CrashLab implements AutoCloseable {
  public static final String REPO = "acme/app";
  public static final List<String> JOBS = List.of("unit", "lint", "build");
  private static final String TOKEN = "test-token-alice";

  private final Path dir;
  private final RunLedger ledger;
  private final ServiceProcess service;
  private final List<String> heads;

  private CrashLab(Path dir, RunLedger ledger, ServiceProcess service, List<String> heads) {
    this.dir = dir;
    this.ledger = ledger;
    this.service = service;
    this.heads = heads;
  }

  /**
   * @param jobSeconds how long each job works
   * @param maxConcurrency of each job: runs beyond it wait, so some start after a restart
   * @param retries of each job: a run the service stopped ends in {@code error} and is retried
   * @param drainTimeout {@code ci.executor.drain-timeout}
   */
  public static CrashLab create(
      Path dir,
      int changes,
      double jobSeconds,
      int maxConcurrency,
      int retries,
      Duration drainTimeout)
      throws Exception {
    RunLedger ledger = new RunLedger(dir.resolve("ledger.txt"));
    Path config = Files.createDirectories(dir.resolve("config"));
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: ci-orchestrator/v1
            kind: Repository
            name: acme/app
            forge: local
            defaultBranch: main
            trust: {users: [alice]}
            """);
    for (String job : JOBS) {
      yaml.append("---\napiVersion: ci-orchestrator/v1\nkind: Job\nname: ")
          .append(job)
          .append("\nrepos: [acme/app]\ntriggers:\n  pullRequest: {branches: [main]}\n")
          .append("timeout: 2m\nmaxConcurrency: ")
          .append(maxConcurrency)
          .append("\nretries: ")
          .append(retries)
          .append("\nrun: |\n")
          .append(ledger.script(jobSeconds).indent(2));
    }
    Files.writeString(config.resolve("ci.yaml"), yaml);
    Path bare = LocalRepos.bareRepoPath(dir.resolve("repos"), REPO);
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", "main", TestGitRepo.files("README.md", "app\n"));
      work.bareClone(bare);
    }
    List<String> heads = TestGitRepo.branchesOnMain(bare, changes);
    Map<String, String> settings = new LinkedHashMap<>(ServiceFolders.settings(dir, config));
    settings.put("ci.forge.local.users", "alice,bob");
    settings.put("ci.reconcile.interval", "1s");
    settings.put("ci.executor.drain-timeout", drainTimeout.toMillis() + "ms");
    // alice's token as the common convention gives it (ci.forge.local.tokens.alice), through the
    // environment: a service without that setting yet ignores it there instead of refusing it
    Map<String, String> env = Map.of("CI_FORGE_LOCAL_TOKENS_ALICE", TOKEN);
    return new CrashLab(dir, ledger, ServiceProcess.of(dir, settings, env, List.of()), heads);
  }

  public ServiceProcess service() {
    return service;
  }

  public RunLedger ledger() {
    return ledger;
  }

  /** alice opens change {@code n} ({@code change-n} into {@code main}) through the HTTP API. */
  public void open(int n) throws IOException {
    String body =
        "{\"title\":\"Change %d\",\"author\":\"alice\",\"source\":\"change-%d\",\"target\":\"main\"}"
            .formatted(n, n);
    HttpResponse<String> answer =
        service.send(
            service
                .request("/api/v1/repos/" + REPO + "/changes")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    if (answer.statusCode() != 201) {
      throw new IOException(
          "opening change " + n + ": " + answer.statusCode() + " " + answer.body());
    }
  }

  /** Every run record, read from the files as the service left them. */
  public List<RunRecord> records() throws IOException {
    return new FileRunStore(dir.resolve("runs/records")).all();
  }

  /**
   * Whether every job of every change has a successful run on the change's head: the service
   * recovered from everything done to it.
   */
  public boolean allSucceeded() throws IOException {
    Set<String> done =
        records().stream()
            .filter(r -> r.state() == RunState.SUCCESS)
            .map(r -> r.key().job() + " " + r.key().change())
            .collect(Collectors.toSet());
    for (int n = 1; n <= heads.size(); n++) {
      for (String job : JOBS) {
        if (!done.contains(job + " " + n)) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@link RunLedger#duplicates}, with the ends the run records give. */
  public List<String> duplicates() throws IOException {
    Map<String, Long> ends = new LinkedHashMap<>();
    for (RunRecord r : records()) {
      if (r.finishedAt() != null) {
        ends.put(
            r.id(), r.finishedAt().getEpochSecond() * 1_000_000_000L + r.finishedAt().getNano());
      }
    }
    return ledger.duplicates(ends);
  }

  /**
   * Runs whose job ended by itself (the ledger's {@code end ... 0}) but whose record does not say
   * {@code success}: a result the service lost.
   */
  public List<String> lostResults() throws IOException {
    Map<String, RunRecord> byId = new LinkedHashMap<>();
    records().forEach(r -> byId.put(r.id(), r));
    List<String> lost = new ArrayList<>();
    for (RunLedger.Execution e : ledger.executions()) {
      RunRecord record = byId.get(e.runId());
      if ("0".equals(e.end()) && (record == null || record.state() != RunState.SUCCESS)) {
        lost.add(
            e.runId()
                + " ended 0, recorded "
                + (record == null ? "nowhere" : record.state().wire() + ": " + record.message()));
      }
    }
    return lost;
  }

  /** Live processes (not zombies) marked as a run of this lab's service. */
  public List<Long> runProcesses() {
    String prefix = Supervisor.RUN_DIR_VAR + "=" + dir.resolve("runs").toAbsolutePath() + "/";
    byte[] wanted = prefix.getBytes(StandardCharsets.UTF_8);
    List<Long> found = new ArrayList<>();
    for (long pid : ProcFs.pids()) {
      if (ProcFs.stat(pid).filter(s -> !s.zombie()).isPresent() && environHas(pid, wanted)) {
        found.add(pid);
      }
    }
    return found;
  }

  private static boolean environHas(long pid, byte[] prefix) {
    byte[] environ;
    try (InputStream in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "environ"))) {
      environ = in.readNBytes(1 << 20);
    } catch (IOException e) {
      return false;
    }
    String all = new String(environ, StandardCharsets.ISO_8859_1);
    String want = new String(prefix, StandardCharsets.ISO_8859_1);
    return all.startsWith(want) || all.contains("\0" + want);
  }

  /** A summary line for failures: records by state, ledger size. */
  public String describe() {
    try {
      Map<String, Long> states =
          records().stream()
              .collect(Collectors.groupingBy(r -> r.state().wire(), Collectors.counting()));
      return "records "
          + states
          + ", executions "
          + ledger.executions().size()
          + ", run processes "
          + runProcesses()
          + "\n"
          + service.log();
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Kills what a failed test left: the service, then every process marked as one of its runs. */
  @Override
  public void close() throws InterruptedException {
    if (service.alive()) {
      service.kill();
    }
    for (long pid : runProcesses()) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
