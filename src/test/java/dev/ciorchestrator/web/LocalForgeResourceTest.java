package dev.ciorchestrator.web;

import static dev.ciorchestrator.testing.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForgeSettings;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.forge.local.LocalRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /api/v1/repos/{owner}/{name}/changes} against a real store and a real repository per test
 * (branches {@code main} and {@code feat}), acting as alice unless a test says otherwise.
 */
@QuarkusTest
@TestProfile(LocalForgeReposProfile.class)
class LocalForgeResourceTest {
  static final AtomicInteger REPOS = new AtomicInteger();

  @Inject LocalForgeSettings settings;
  @Inject LocalForgeStore store;
  @TempDir Path dir;
  LocalForgeReposProfile.Work work;
  String repo;
  String changes;
  String head;

  @BeforeEach
  void freshRepo() throws Exception {
    repo = "demo/app" + REPOS.incrementAndGet();
    changes = "/api/v1/repos/" + repo + "/changes";
    work =
        new LocalForgeReposProfile.Work(
            dir.resolve("work"), LocalRepos.bareRepoPath(settings.reposDir(), repo));
    head = work.commit("c.txt", "c\n");
    work.push();
  }

  @AfterEach
  void closeWork() {
    work.close();
  }

  @Test
  void openListGet() throws Exception {
    open("{\"title\":\"Add x\",\"source\":\"feat\",\"target\":\"main\",\"head\":\"" + head + "\"}")
        .statusCode(201)
        .contentType(ContentType.JSON)
        .body("number", is(1))
        .body("repo", is(repo))
        .body("title", is("Add x"))
        .body("author", is("alice"))
        .body("source", is("feat"))
        .body("target", is("main"))
        .body("draft", is(false))
        .body("state", is("open"))
        .body("head", is(head))
        .body("labels", empty())
        .body("createdAt", endsWith("Z"));
    work.branch("second");
    open(openBody("second", "second", true))
        .statusCode(201)
        .body("number", is(2))
        .body("draft", is(true));

    given().get(changes).then().statusCode(200).body("number", contains(1, 2));
    given().get(changes + "/2").then().statusCode(200).body("title", is("second"));
    as("alice").post(changes + "/1/close").then().statusCode(200).body("state", is("closed"));
    given().get(changes).then().body("number", contains(2));
    given().get(changes + "?state=open").then().body("number", contains(2));
    given().get(changes + "?state=all").then().body("number", contains(1, 2));
    given()
        .get(changes + "?state=closed")
        .then()
        .statusCode(400)
        .body("field", is("state"))
        .body("error", is("state must be open or all: closed"));
  }

  @Test
  void commentAndReview() {
    open(openBody("t", "feat", false)).statusCode(201);
    as("bob")
        .contentType(ContentType.JSON)
        .body("{\"author\":\"bob\",\"body\":\"/lgtm\"}")
        .post(changes + "/1/comments")
        .then()
        .statusCode(201)
        .body("comments", hasSize(1))
        .body("comments[0].author", is("bob"))
        .body("comments[0].body", is("/lgtm"))
        .body("comments[0].id", startsWith("c"));
    as("bob")
        .contentType(ContentType.JSON)
        .body("{\"state\":\"approved\",\"commit\":\"" + head + "\"}")
        .post(changes + "/1/reviews")
        .then()
        .statusCode(201)
        .body("reviews", hasSize(1))
        .body("reviews[0].author", is("bob"))
        .body("reviews[0].state", is("approved"))
        .body("reviews[0].commit", is(head))
        .body("comments", hasSize(1));
  }

  @Test
  void aReviewWithoutACommitReviewsTheHead() throws Exception {
    open(openBody("t", "feat", false)).statusCode(201);
    String pushed = work.commit("d.txt", "d\n");
    work.push();
    post("/1/push", "{}").statusCode(200).body("head", is(pushed));
    as("carol")
        .contentType(ContentType.JSON)
        .body("{\"state\":\"approved\"}")
        .post(changes + "/1/reviews")
        .then()
        .statusCode(201)
        .body("reviews[0].author", is("carol"))
        .body("reviews[0].commit", is(pushed));
  }

  @Test
  void labelsAreIdempotent() {
    open(openBody("t", "feat", false)).statusCode(201);
    as("bob")
        .put(changes + "/1/labels/hold")
        .then()
        .statusCode(200)
        .body("labels", contains("hold"));
    as("bob")
        .put(changes + "/1/labels/hold")
        .then()
        .statusCode(200)
        .body("labels", contains("hold"));
    as("bob").delete(changes + "/1/labels/hold").then().statusCode(200).body("labels", empty());
    as("bob").delete(changes + "/1/labels/hold").then().statusCode(200).body("labels", empty());
  }

  @Test
  void aClosedChangeRefusesEditsWithConflict() {
    open(openBody("t", "feat", false)).statusCode(201);
    as("alice").post(changes + "/1/close").then().statusCode(200).body("state", is("closed"));
    as("alice").post(changes + "/1/close").then().statusCode(200);
    String closed = "change " + repo + "#1 is closed";
    post("/1/comments", "{\"body\":\"hi\"}").statusCode(409).body("error", is(closed));
    post("/1/push", "{\"head\":\"" + head + "\"}").statusCode(409).body("error", is(closed));
    as("alice").put(changes + "/1/labels/x").then().statusCode(409).body("error", is(closed));
    post("/1/reviews", "{\"state\":\"approved\"}").statusCode(409);
  }

  @Test
  void aMergedChangeAnswersConflictBeforeLookingAtTheBody() throws IOException {
    open(openBody("t", "feat", false)).statusCode(201);
    store.markMerged(repo, 1, head); // what the controller's merge records

    String merged = "change " + repo + "#1 is merged";
    post("/1/comments", "{\"bodyy\":1}").statusCode(409).body("error", is(merged));
    post("/1/reviews", "{}").statusCode(409).body("error", is(merged));
    post("/1/push", "[not json").statusCode(409).body("error", is(merged));
    post("/1/comments", "{\"author\":\"carol\",\"body\":\"/approve\"}")
        .statusCode(409)
        .body("error", is(merged));
  }

  @Test
  void aMissingChangeIsNotFound() {
    String missing = "no change " + repo + "#7";
    given().get(changes + "/7").then().statusCode(404).body("error", is(missing));
    post("/7/comments", "{\"body\":\"hi\"}").statusCode(404).body("error", is(missing));
    as("alice").post(changes + "/7/close").then().statusCode(404).body("error", is(missing));
    as("alice").put(changes + "/7/labels/x").then().statusCode(404).body("error", is(missing));
  }

  @Test
  void anUnknownRepositoryIsNotFound() {
    String nope = "/api/v1/repos/demo/nope/changes";
    String error = "no repository demo/nope in this forge";
    given().get(nope).then().statusCode(404).contentType(ContentType.JSON).body("error", is(error));
    given().get(nope + "/1").then().statusCode(404).body("error", is(error));
    as("alice")
        .contentType(ContentType.JSON)
        .body("{\"title\":\"t\",\"source\":\"feat\",\"target\":\"main\"}")
        .post(nope)
        .then()
        .statusCode(404)
        .body("error", is(error));
    as("alice").post(nope + "/1/comments").then().statusCode(404).body("error", is(error));
    given()
        .get("/api/v1/repos/demo/nope/commits/" + head + "/statuses")
        .then()
        .statusCode(404)
        .body("error", is(error));
  }

  @Test
  void aSecondOpenChangeFromOneBranchIsRefusedNamingTheFirst() {
    open(openBody("first", "feat", false)).statusCode(201);
    open(openBody("again", "feat", false))
        .statusCode(409)
        .body("field", is("source"))
        .body("error", is("branch feat already has an open change: " + repo + "#1"));
    as("alice").post(changes + "/1/close").then().statusCode(200);
    open(openBody("again", "feat", false)).statusCode(201).body("number", is(2));
  }

  @Test
  void aCommentOrTitleHasASizeLimit() throws Exception {
    open(openBody("t", "feat", false)).statusCode(201);
    String most = "x".repeat(ChangeRequests.MAX_COMMENT);
    post("/1/comments", "{\"body\":\"" + most + "\"}").statusCode(201);
    post("/1/comments", "{\"body\":\"" + most + "y\"}")
        .statusCode(400)
        .body("field", is("body"))
        .body("error", is("body is 65537 characters long; at most 65536 are taken"));
    // 9 MiB is past the API's body limit: the intake refuses it before the resource reads it
    post("/1/comments", "{\"body\":\"" + "x".repeat(9 << 20) + "\"}")
        .statusCode(413)
        .body("error", containsString("(ci.intake.max-body-size)"));
    given().get(changes + "/1").then().body("comments", hasSize(1));

    work.branch("long");
    open(openBody("t".repeat(257), "long", false))
        .statusCode(400)
        .body("field", is("title"))
        .body("error", is("title is 257 characters long; at most 256 are taken"));
    open(openBody("t".repeat(256), "long", false)).statusCode(201);
  }

  @Test
  void aBadRepoOrNumberIsRefusedAsJson() {
    given()
        .get("/api/v1/repos/de mo/app/changes")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", is("repo must be owner/name: de mo/app"));
    given()
        .get(changes + "/0")
        .then()
        .statusCode(400)
        .body("field", is("number"))
        .body("error", is("number must be positive: 0"));
    as("alice")
        .post(changes + "/-1/close")
        .then()
        .statusCode(400)
        .body("field", is("number"))
        .body("error", is("number must be positive: -1"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing title|{'source':'feat','target':'main','head':'HEAD'}|title|missing field 'title'",
        "blank author|{'title':'t','author':' ','source':'feat','target':'main','head':'HEAD'}|author|author must not be blank",
        "null source|{'title':'t','source':null,'target':'main','head':'HEAD'}|source|missing field 'source'",
        "number title|{'title':5,'source':'feat','target':'main','head':'HEAD'}|title|title must be a string",
        "string draft|{'title':'t','source':'feat','target':'main','draft':'yes','head':'HEAD'}|draft|draft must be true or false",
        "unknown field|{'titel':'t','source':'feat','target':'main','head':'HEAD'}|titel|unknown field 'titel'",
        "short head|{'title':'t','source':'feat','target':'main','head':'abc'}|head|head must be a full lowercase hex commit id: abc",
        "same branches|{'title':'t','source':'main','target':'main','head':'HEAD'}|target|target must differ from source",
        "malformed|{'title': |''|",
        "not an object|[1]|''|body must be a JSON object",
      })
  void badOpenBodiesNameTheField(String why, String body, String field, String error) {
    String json = body.replace('\'', '"').replace("HEAD", head);
    var response =
        open(json).statusCode(400).contentType(ContentType.JSON).body("field", is(field));
    if (error != null) {
      response.body("error", is(error));
    } else {
      response.body("error", startsWith("body is not JSON"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "comment without body|comments|{'author':'alice'}|body|missing field 'body'",
        "comment unknown|comments|{'body':'x','bodyy':1}|bodyy|unknown field 'bodyy'",
        "review state|reviews|{'state':'lgtm','commit':'HEAD'}|state|state must be one of approved, changes_requested, commented, dismissed: lgtm",
        "review commit type|reviews|{'state':'approved','commit':7}|commit|commit must be a string",
        "push blank head|push|{'head':' '}|head|head must not be blank",
        "push empty body|push||''|body must be a JSON object",
      })
  void badEditBodiesNameTheField(String why, String path, String body, String field, String error) {
    open(openBody("t", "feat", false)).statusCode(201);
    String json = body == null ? "" : body.replace('\'', '"').replace("HEAD", head);
    post("/1/" + path, json).statusCode(400).body("field", is(field)).body("error", is(error));
  }

  @Test
  void stateSurvivesANewStore() throws IOException {
    open(openBody("kept", "feat", false)).statusCode(201);
    post("/1/comments", "{\"body\":\"hi\"}").statusCode(201);
    as("alice").put(changes + "/1/labels/hold").then().statusCode(200);

    LocalChange reread = new LocalForgeStore(settings.stateFile()).get(repo, 1).orElseThrow();
    assertEquals("kept", reread.title());
    assertEquals(1, reread.comments().size());
    assertEquals(java.util.List.of("hold"), reread.labels());
  }

  private String openBody(String title, String source, boolean draft) {
    return "{\"title\":\""
        + title
        + "\",\"source\":\""
        + source
        + "\",\"target\":\"main\",\"draft\":"
        + draft
        + "}";
  }

  private ValidatableResponse open(String body) {
    return as("alice").contentType(ContentType.JSON).body(body).post(changes).then();
  }

  private ValidatableResponse post(String path, String body) {
    return as("alice").contentType(ContentType.JSON).body(body).post(changes + path).then();
  }
}
