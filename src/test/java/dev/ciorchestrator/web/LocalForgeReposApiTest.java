package dev.ciorchestrator.web;

import static dev.ciorchestrator.testing.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.forge.local.LocalForgeSettings;
import dev.ciorchestrator.forge.local.LocalRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over a real repository: heads from branches, heads checked, statuses shown. */
@QuarkusTest
@TestProfile(LocalForgeReposProfile.class)
class LocalForgeReposApiTest {
  static final AtomicInteger REPOS = new AtomicInteger();

  @Inject LocalForgeSettings settings;
  @Inject LocalForge forge;
  @TempDir Path dir;
  LocalForgeReposProfile.Work work;
  String repo;
  String changes;
  String feat;

  @BeforeEach
  void setUp() throws Exception {
    repo = "demo/api" + REPOS.incrementAndGet();
    changes = "/api/v1/repos/" + repo + "/changes";
    work =
        new LocalForgeReposProfile.Work(
            dir.resolve("work"), LocalRepos.bareRepoPath(settings.reposDir(), repo));
    feat = forge.branches(repo).get("feat");
  }

  @AfterEach
  void tearDown() {
    work.close();
  }

  ValidatableResponse post(String path, String body) {
    return as("alice").contentType(ContentType.JSON).body(body).post(changes + path).then();
  }

  String open(String extra) {
    return "{\"title\":\"t\",\"source\":\"feat\",\"target\":\"main\"" + extra + "}";
  }

  @Test
  void aMissingHeadIsTheSourceBranchTipAndPushFollowsIt() throws Exception {
    post("", open("")).statusCode(201).body("head", is(feat)).body("statuses", empty());
    String pushed = work.commit("c.txt", "c\n");
    work.push();
    post("/1/push", "{}").statusCode(200).body("head", is(pushed));
    post("/1/push", "{\"head\":\"" + feat + "\"}").statusCode(200).body("head", is(feat));
  }

  @Test
  void aHeadNotInTheRepositoryOrAMissingSourceBranchIsRefused() {
    String absent = "e".repeat(40);
    post("", open(",\"head\":\"" + absent + "\""))
        .statusCode(400)
        .body("field", is("head"))
        .body("error", is("head " + absent + " is not a commit of " + repo));
    post("", open("").replace("\"feat\"", "\"gone\""))
        .statusCode(400)
        .body("field", is("source"))
        .body("error", is("source branch gone does not exist in " + repo));
    post("", open("")).statusCode(201);
    post("/1/push", "{\"head\":\"" + absent + "\"}").statusCode(400).body("field", is("head"));
  }

  @Test
  void statusesOfTheHeadAreShownSortedByContext() throws Exception {
    post("", open("")).statusCode(201);
    forge.setStatus(repo, feat, new CommitStatus("ci/test", CommitStatus.State.SUCCESS, "ok", ""));
    forge.setStatus(
        repo, feat, new CommitStatus("ci/gate", CommitStatus.State.FAILURE, "needs 2", "http://x"));
    given()
        .get(changes + "/1")
        .then()
        .body("statuses.context", contains("ci/gate", "ci/test"))
        .body("statuses[0].state", is("failure"))
        .body("statuses[0].description", is("needs 2"))
        .body("statuses[0].targetUrl", is("http://x"));
    String statuses = "/api/v1/repos/" + repo + "/commits/";
    given()
        .get(statuses + feat + "/statuses")
        .then()
        .statusCode(200)
        .body("context", contains("ci/gate", "ci/test"))
        .body("state", contains("failure", "success"));
    given().get(statuses + "f".repeat(40) + "/statuses").then().statusCode(200).body("$", empty());
    given().get(statuses + "abc/statuses").then().statusCode(400).body("field", is("sha"));
  }

  @Test
  void theSummaryCommentIsVisible() throws Exception {
    post("", open("")).statusCode(201);
    forge.upsertSummary(repo, 1, "all green");
    given()
        .get(changes + "/1")
        .then()
        .body("comments[0].author", is("ci-orchestrator"))
        .body("comments[0].body", is(LocalForge.SUMMARY_MARKER + "\nall green"));
  }
}
