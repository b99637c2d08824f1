package dev.ciorchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.testing.PostgresServer;
import dev.ciorchestrator.testing.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged services on one PostgreSQL database, the leader elected by the advisory lock and its
 * address (derived from where it listens) recorded in the database. A write sent to the follower is
 * done by the leader, as the caller: each replica has its own embedded forge here, so a change
 * opened through the follower exists on the leader's forge only. After the leader is killed the
 * other leads and records itself; the restarted one, now a follower, forwards to it.
 */
class LeaderForwardIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "acme/app";
  private static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/app
      forge: local
      defaultBranch: main
      """;

  @TempDir Path dir;
  private PostgresServer postgres;
  private final List<ServiceProcess> replicas = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (ServiceProcess r : replicas) {
      if (r.alive()) {
        r.kill();
      }
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void aWriteToTheFollowerIsDoneByTheLeaderAsTheCaller() throws Exception {
    postgres = PostgresServer.start();
    String url = postgres.newDatabase();
    try (TestGitRepo config = TestGitRepo.init(dir.resolve("config"))) {
      config.commit("main", "main", TestGitRepo.files("repos.yaml", CONFIG));
    }
    for (String name : List.of("a", "b")) {
      replicas.add(ServiceProcess.of(dir.resolve(name), settings(name, url)));
    }
    for (ServiceProcess r : replicas) {
      r.start();
    }
    ServiceProcess leader = awaitLeader(null);
    ServiceProcess follower = other(leader);

    long t = System.nanoTime();
    HttpResponse<String> opened = open(follower, "bob", "feature-1");
    System.out.printf("a write through the follower: %d ms%n", (System.nanoTime() - t) / 1_000_000);
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    JsonNode change = JSON.readTree(opened.body());
    assertThat(change.path("author").asText()).as("the caller, carried").isEqualTo("bob");
    int number = change.path("number").asInt();
    assertThat(get(leader, number).statusCode()).as("on the leader's forge").isEqualTo(200);
    assertThat(get(follower, number).statusCode()).as("not on the follower's").isEqualTo(404);

    HttpResponse<String> anonymous =
        follower.send(
            follower
                .request("/api/v1/repos/" + REPO + "/changes")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    leader.kill();
    long killedAt = System.nanoTime();
    ServiceProcess next = awaitLeader(leader);
    System.out.printf(
        "takeover after kill -9: %d ms%n", (System.nanoTime() - killedAt) / 1_000_000);
    assertThat(next).isSameAs(follower);
    leader.start(); // back as a follower: it forwards to the new leader
    HttpResponse<String> again = open(leader, "alice", "feature-2");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    int second = JSON.readTree(again.body()).path("number").asInt();
    assertThat(get(next, second).statusCode()).as("on the new leader's forge").isEqualTo(200);
    assertThat(JSON.readTree(get(next, second).body()).path("author").asText()).isEqualTo("alice");
  }

  private Map<String, String> settings(String name, String url) throws IOException {
    Path own = dir.resolve(name);
    try (TestGitRepo work = TestGitRepo.init(own.resolve("work"))) {
      work.commit("main", "main", TestGitRepo.files("app.txt", "ok\n"));
      for (String branch : List.of("feature-1", "feature-2")) {
        work.commit(branch, "main", TestGitRepo.files(branch + ".txt", "new\n"));
      }
      work.bareClone(LocalRepos.bareRepoPath(own.resolve("repos"), REPO));
    } catch (Exception e) {
      throw new IOException("cannot make the forge repository of " + name, e);
    }
    Map<String, String> s =
        new LinkedHashMap<>(ServiceFolders.settings(own, dir.resolve("config")));
    s.put("ci.config.revision", "main");
    s.put("ci.config.cache-dir", own.resolve("config-cache").toString());
    s.put("ci.forge.local.users", "alice,bob");
    s.put("ci.store.kind", "postgres");
    s.put("ci.store.leader-lock", "true");
    s.put("quarkus.datasource.jdbc.url", url);
    s.put("quarkus.datasource.username", "postgres");
    s.put("ci.leader-election.identity", name);
    return s;
  }

  private static HttpResponse<String> open(ServiceProcess r, String user, String branch)
      throws IOException {
    return r.send(
        r.request("/api/v1/repos/" + REPO + "/changes", user)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"title\":\"Add %s\",\"source\":\"%s\",\"target\":\"main\"}"
                        .formatted(branch, branch)))
            .build());
  }

  private static HttpResponse<String> get(ServiceProcess r, int number) throws IOException {
    return r.send(r.request("/api/v1/repos/" + REPO + "/changes/" + number).GET().build());
  }

  private ServiceProcess other(ServiceProcess r) {
    return replicas.get(0) == r ? replicas.get(1) : replicas.get(0);
  }

  private ServiceProcess awaitLeader(ServiceProcess not) throws InterruptedException {
    return Replicas.awaitLeader(replicas, not);
  }
}
