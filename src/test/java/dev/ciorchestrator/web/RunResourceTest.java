package dev.ciorchestrator.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.executor.local.Jobs;
import dev.ciorchestrator.run.RunStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/runs} on the service's real store and local executor, with real bash. */
@QuarkusTest
class RunResourceTest {
  static final AtomicInteger REPOS = new AtomicInteger();
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  @Inject RunStore store;
  @Inject Executor executor;

  @TestHTTPResource("/api/v1/runs")
  URL runs;

  @TempDir Path tmp;
  GitRepo git;
  String repo;
  String head;

  @BeforeEach
  void repository() throws Exception {
    // the records folder outlives one build; a repository name of its own keeps this test's runs
    // apart
    repo = "demo/runs" + REPOS.incrementAndGet() + "-" + System.nanoTime();
    git = GitRepo.init(tmp.resolve("repo"));
    git.write("README.md", "hello\n").commit("root");
    git.checkout("feature", true);
    head = git.write("feature.txt", "feature\n").commit("feature");
    git.checkout("main", false);
  }

  @AfterEach
  void close() {
    git.close();
  }

  RunRecord record(long change, String job, Instant queuedAt) throws Exception {
    RunRecord run = TestRuns.pending(RunKey.forChange(repo, change, head, job, 1), queuedAt);
    assertThat(store.create(run)).isTrue();
    return run;
  }

  RunRecord start(long change, String script, Map<String, String> env) throws Exception {
    RunRecord run = record(change, "unit", T0);
    var job = Jobs.job("unit", script, 0, Duration.ofSeconds(30), env);
    executor.start(run, new RunSpec(job, git.dir(), "main", head));
    return run;
  }

  RunRecord awaitState(String id, boolean terminal) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      RunRecord run = store.get(id).orElseThrow();
      if (run.state().terminal() == terminal && run.state() != RunState.PENDING) {
        return run;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run " + id + " stuck at " + store.get(id));
  }

  @Test
  void listsRunsNewestFirstAndFilters() throws Exception {
    RunRecord old = record(1, "unit", T0);
    RunRecord newer = record(2, "lint", T0.plusSeconds(60));

    given()
        .queryParam("repo", repo)
        .get("/api/v1/runs")
        .then()
        .statusCode(200)
        .body("id", contains(newer.id(), old.id()))
        .body("[1].log", is("/api/v1/runs/" + old.id() + "/log"))
        .body("[1].state", is("pending"))
        .body("[1].trigger", is("pull_request"))
        .body("[1].headSha", is(head));
    given()
        .queryParam("repo", repo)
        .queryParam("change", 1)
        .get("/api/v1/runs")
        .then()
        .body("id", contains(old.id()));
    given()
        .queryParam("repo", repo)
        .queryParam("job", "lint")
        .queryParam("state", "pending")
        .get("/api/v1/runs")
        .then()
        .body("id", contains(newer.id()));
    given()
        .queryParam("repo", repo)
        .queryParam("state", "success")
        .get("/api/v1/runs")
        .then()
        .body("size()", is(0));
  }

  @Test
  void refusesABadStateOrChangeNamingTheField() {
    given()
        .queryParam("state", "done")
        .get("/api/v1/runs")
        .then()
        .statusCode(400)
        .body("field", is("state"));
    given()
        .queryParam("change", "x")
        .get("/api/v1/runs")
        .then()
        .statusCode(400)
        .body("field", is("change"));
  }

  @Test
  void oneRunOr404Or400() throws Exception {
    RunRecord run = record(3, "unit", T0);
    given()
        .get("/api/v1/runs/" + run.id())
        .then()
        .statusCode(200)
        .body("repo", is(repo))
        .body("change", is(3))
        .body("configRevision", is("cfg1"));
    given().get("/api/v1/runs/unit-pr3-000000000000").then().statusCode(404);
    given().get("/api/v1/runs/Not_An_Id").then().statusCode(400).body("field", is("id"));
    given().get("/api/v1/runs/unit-pr3-000000000000/log").then().statusCode(404);
  }

  @Test
  void logChunksSayWhereToGoOnAndWhenTheyAreComplete() throws Exception {
    RunRecord run = start(4, "echo one; echo two", Map.of());
    awaitState(run.id(), true);

    given()
        .get("/api/v1/runs/" + run.id() + "/log")
        .then()
        .statusCode(200)
        .header("X-Next-Offset", "8")
        .header("X-Complete", "true")
        .body(is("one\ntwo\n"));
    given()
        .queryParam("offset", 4)
        .get("/api/v1/runs/" + run.id() + "/log")
        .then()
        .header("X-Next-Offset", "8")
        .body(is("two\n"));
  }

  @Test
  void aFollowerSeesTextWrittenAfterItConnectedAndEndsWithTheRun() throws Exception {
    Path go = tmp.resolve("go");
    RunRecord run =
        start(
            5,
            "echo first; while [ ! -f \"$GO\" ]; do sleep 0.05; done; echo second",
            Map.of("GO", go.toString()));
    awaitState(run.id(), false);
    given()
        .get("/api/v1/runs/" + run.id() + "/log")
        .then()
        .statusCode(200)
        .header("X-Complete", "false");

    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .sendAsync(
                HttpRequest.newBuilder(URI.create(runs + "/" + run.id() + "/log?follow=true"))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream())
            .get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    InputStream body = response.body();
    CompletableFuture<String> all = CompletableFuture.supplyAsync(() -> readAll(body, go));

    String text = all.get(30, TimeUnit.SECONDS);
    assertThat(text).isEqualTo("first\nsecond\n");
    assertThat(store.get(run.id()).orElseThrow().state()).isEqualTo(RunState.SUCCESS);
  }

  /** Reads until "first" arrived, then lets the job go on, then reads to the end of the stream. */
  private static String readAll(InputStream body, Path go) {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] buffer = new byte[256];
    try (body) {
      int n;
      while ((n = body.read(buffer)) >= 0) {
        seen.write(buffer, 0, n);
        if (seen.toString(StandardCharsets.UTF_8).contains("first\n") && !Files.exists(go)) {
          Files.createFile(go); // the job writes "second" only after this, so after we connected
        }
      }
      return seen.toString(StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
