package dev.ciorchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.forge.github.GitHubWorld;
import dev.ciorchestrator.testing.PostgresServer;
import dev.ciorchestrator.testing.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged services on one PostgreSQL database ({@code ci.store.kind=postgres}, leader elected
 * by the advisory lock), both watching one GitHub: the fake GitHub of the tests, a real HTTP server
 * in this JVM that both replicas poll over loopback, with the commits in a real bare Git repository
 * both clone from. The leader is killed ({@code kill -9}) three times while jobs run (they wait for
 * a file the test removes after the last kill), and started again as a follower; the other takes
 * over each time.
 *
 * <p>The replicas share the executor's work dir, as two services on one machine do (the process
 * executor's jobs run on the machine, under supervisors that outlive a killed service): the new
 * leader adopts the runs the killed one left running instead of starting them again. Their own
 * folders (mirrors, tokens, logs of the service) are apart.
 */
class SharedStoreFailoverIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHANGES = 8;

  /**
   * {@code unit} collects a file; {@code pack} needs it and {@code lint}, which waits for the
   * kills.
   */
  private static final List<String> JOBS = List.of("unit", "lint", "pack");

  private static final int KILLS = 3;

  @TempDir Path dir;
  private PostgresServer postgres;
  private GitHubWorld world;
  private final List<ServiceProcess> replicas = new ArrayList<>();
  private RunLedger ledger;
  private Path hold;

  @AfterEach
  void tearDown() throws Exception {
    for (ServiceProcess r : replicas) {
      if (r.alive()) {
        r.kill();
      }
    }
    // the jobs a killed leader left under their supervisors end by themselves within seconds
    if (world != null) {
      world.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void killingTheLeaderRepeatedlyLosesNothingAndRunsEveryRunOnce() throws Exception {
    postgres = PostgresServer.start();
    String url = postgres.newDatabase();
    world = new GitHubWorld(dir.resolve("world"));
    ledger = new RunLedger(dir.resolve("ledger.txt"));
    hold = Files.writeString(dir.resolve("hold"), "jobs wait while this exists\n");
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("ci.yaml"), config());
    for (String name : List.of("a", "b")) {
      Path own = Files.createDirectories(dir.resolve(name));
      replicas.add(ServiceProcess.of(own, settings(name, url, config)));
    }
    for (ServiceProcess r : replicas) {
      r.start();
    }
    ServiceProcess first = awaitLeader(null);
    List<String> heads = world.branches(CHANGES);
    for (int n = 1; n <= CHANGES; n++) {
      world.github.openPull(
          GitHubWorld.REPO,
          "alice",
          "Change " + n,
          "change-" + n,
          heads.get(n - 1),
          "main",
          List.of("change-" + n + ".txt"));
    }

    ServiceProcess leader = first;
    List<Long> takeovers = new ArrayList<>();
    // every unit's artifact is collected by the first leader; pack runs on the last one (below)
    leader.waitFor("every unit succeeded", () -> succeeded(first, "unit") == CHANGES);
    // the lint jobs wait for the hold file to go: every kill comes while they run
    leader.waitFor("jobs run", () -> startedSince(CHANGES + 1));
    for (int kill = 0; kill < KILLS; kill++) {
      leader.kill();
      long killedAt = System.nanoTime();
      ServiceProcess next = awaitLeader(leader);
      takeovers.add((System.nanoTime() - killedAt) / 1_000_000);
      leader.start(); // back, as a follower: the other holds the lock now
      leader = next;
    }
    System.out.println("takeover after kill -9 (ms): " + takeovers);
    assertThat(leader)
        .as("an odd number of kills: the last leader is not the first")
        .isNotSameAs(first);
    Files.delete(hold);

    ServiceProcess anyone = leader;
    anyone.waitFor(
        "every job of every change succeeded",
        () -> succeeded(anyone, "") == CHANGES * JOBS.size());

    List<RunLedger.Execution> executions = ledger.executions();
    Map<String, Long> perRun =
        executions.stream()
            .collect(Collectors.groupingBy(RunLedger.Execution::runId, Collectors.counting()));
    assertThat(perRun.values()).as("each run executed at most once").containsOnly(1L);
    assertThat(executions).as("every execution ended by itself").allMatch(e -> "0".equals(e.end()));

    JsonNode fromA = runs(replicas.get(0));
    JsonNode fromB = runs(replicas.get(1));
    assertThat(fromA).as("both replicas list the same runs").isEqualTo(fromB);
    for (JsonNode run : fromA) {
      String id = run.path("id").asText();
      if (!run.path("state").asText().equals("success")) {
        // a kill between storing "running" and starting the job leaves nothing to adopt: the
        // run ends in error, never executed, and its retry (a run of its own) does the work
        assertThat(perRun).as(id + " ended " + run.path("message").asText()).doesNotContainKey(id);
        assertThat(run.path("state").asText()).isEqualTo("error");
        continue;
      }
      assertThat(perRun).as("the success of " + id + " is its one execution").containsKey(id);
      String logA = log(replicas.get(0), id);
      assertThat(logA)
          .as("the log of " + id + " from the database")
          .contains("work of " + id + " begins")
          .contains("work of " + id + " is done");
      assertThat(log(replicas.get(1), id))
          .as("the same log from the other replica")
          .isEqualTo(logA);
      artifactsOf(run, fromA, perRun.keySet());
    }
    System.out.println(
        "runs "
            + fromA.size()
            + ", executions "
            + executions.size()
            + ", not executed and retried "
            + (fromA.size() - CHANGES * JOBS.size()));
  }

  /**
   * A unit's file and report, taken in by the first leader, are served alike by both replicas (the
   * stores are in the database); each pack, run by the last leader, received the unit's file of its
   * change.
   */
  private void artifactsOf(JsonNode run, JsonNode all, java.util.Set<String> executed)
      throws IOException {
    String id = run.path("id").asText();
    String job = run.path("job").asText();
    if (job.equals("unit")) {
      JsonNode manifest = get(replicas.get(0), "/api/v1/runs/" + id + "/artifacts");
      assertThat(get(replicas.get(1), "/api/v1/runs/" + id + "/artifacts")).isEqualTo(manifest);
      JsonNode tests = get(replicas.get(0), "/api/v1/runs/" + id + "/tests");
      assertThat(tests.toString())
          .as("the unit's report, read by the first leader")
          .contains("adds");
      assertThat(get(replicas.get(1), "/api/v1/runs/" + id + "/tests")).isEqualTo(tests);
      String digest = manifest.path("files").get(0).path("digest").asText();
      for (ServiceProcess r : replicas) {
        HttpResponse<String> blob = r.send(r.request("/api/v1/artifacts/" + digest).GET().build());
        assertThat(blob.statusCode()).as(blob.body()).isEqualTo(200);
        assertThat(blob.body()).isEqualTo("artifact of " + id + "\n");
      }
    } else if (job.equals("pack")) {
      String unit = "";
      for (JsonNode r : all) {
        if (r.path("job").asText().equals("unit")
            && r.path("state").asText().equals("success")
            && r.path("headSha").asText().equals(run.path("headSha").asText())) {
          unit = r.path("id").asText();
        }
      }
      assertThat(log(replicas.get(0), id))
          .as("pack %s received the unit's file of its change", id)
          .contains("received artifact of " + unit + "\n");
      assertThat(executed).contains(id);
    }
  }

  private static JsonNode get(ServiceProcess r, String path) throws IOException {
    HttpResponse<String> answer = r.send(r.request(path).GET().build());
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private String config() {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: ci-orchestrator/v1
            kind: Repository
            name: acme/app
            forge: gh
            defaultBranch: main
            trust: {users: [alice]}
            """);
    for (String job : JOBS) {
      yaml.append("---\napiVersion: ci-orchestrator/v1\nkind: Job\nname: ")
          .append(job)
          .append("\nrepos: [acme/app]\ntriggers:\n  pullRequest: {branches: [main]}\n")
          .append("timeout: 5m\nmaxConcurrency: 2\nretries: 1\n")
          .append(
              switch (job) {
                case "unit" -> "artifacts: {paths: [out.txt]}\nreports: {junit: [junit.xml]}\n";
                case "pack" -> "needs: [unit, lint]\n";
                default -> "";
              })
          .append("run: |\n")
          .append("  echo \"work of $RUN_ID begins\"\n")
          .append(ledger.script(1).indent(2))
          .append(
              switch (job) {
                case "unit" ->
                    "  echo \"artifact of $RUN_ID\" > out.txt\n"
                        + "  echo '<testsuite name=\"u\"><testcase classname=\"u\" name=\"adds\"/>"
                        + "</testsuite>' > junit.xml\n";
                case "lint" -> "  while [ -e '" + hold + "' ]; do sleep 0.2; done\n";
                default -> "  echo \"received $(cat \"$CI_ARTIFACTS/unit/out.txt\")\"\n";
              })
          .append("  echo \"work of $RUN_ID is done\"\n");
    }
    return yaml.toString();
  }

  private Map<String, String> settings(String name, String url, Path config) {
    Path own = dir.resolve(name);
    Map<String, String> s = new LinkedHashMap<>(ServiceFolders.settings(own, config));
    s.put("ci.executor.local.work-dir", dir.resolve("runs").toString()); // one machine's runs
    s.put("ci.artifacts.dir", own.resolve("artifacts").toString()); // each its own copies
    s.put("ci.store.kind", "postgres");
    s.put("ci.store.leader-lock", "true");
    s.put("quarkus.datasource.jdbc.url", url);
    s.put("quarkus.datasource.username", "postgres");
    s.put("ci.reconcile.interval", "1s");
    s.put("ci.leader-election.identity", name);
    s.put("ci.forge.github.gh.api-url", world.github.apiUrl().toString());
    s.put("ci.forge.github.gh.token", GitHubWorld.TOKEN);
    s.put("ci.forge.github.gh.bot", GitHubWorld.BOT);
    s.put("ci.forge.github.gh.clone-url", world.dir.resolve("remote").toUri() + "{repo}.git");
    s.put("ci.forge.github.gh.mirror-dir", own.resolve("mirrors").toString());
    return s;
  }

  private ServiceProcess awaitLeader(ServiceProcess not) throws InterruptedException {
    return Replicas.awaitLeader(replicas, not);
  }

  private boolean startedSince(int count) {
    try {
      return ledger.executions().size() >= count;
    } catch (IOException e) {
      return false;
    }
  }

  /** How many runs of {@code job} (every job when empty) succeeded. */
  private static int succeeded(ServiceProcess r, String job) {
    try {
      int n = 0;
      for (JsonNode run : runs(r)) {
        boolean counted = job.isEmpty() || run.path("job").asText().equals(job);
        n += counted && run.path("state").asText().equals("success") ? 1 : 0;
      }
      return n;
    } catch (IOException e) {
      return -1;
    }
  }

  private static JsonNode runs(ServiceProcess r) throws IOException {
    HttpResponse<String> answer =
        r.send(r.request("/api/v1/runs?repo=" + GitHubWorld.REPO).GET().build());
    if (answer.statusCode() != 200) {
      throw new IOException("GET /api/v1/runs: " + answer.statusCode() + " " + answer.body());
    }
    return JSON.readTree(answer.body());
  }

  private static String log(ServiceProcess r, String id) throws IOException {
    HttpResponse<String> answer = r.send(r.request("/api/v1/runs/" + id + "/log").GET().build());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("X-Complete")).as("log of " + id).hasValue("true");
    return answer.body();
  }
}
