package dev.ciorchestrator.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForgeSettings;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/v1/repos/{owner}/{name}/changes} against a real store on a temporary file. */
@QuarkusTest
@TestProfile(LocalForgeResourceTest.TempStateFile.class)
class LocalForgeResourceTest {
  static final String A = "a".repeat(40);
  static final String B = "b".repeat(40);
  static final AtomicInteger REPOS = new AtomicInteger();

  /** A fresh state file for this class, so no other test's changes show up here. */
  public static class TempStateFile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        var dir = Files.createTempDirectory("local-forge-api");
        return Map.of("ci.forge.local.state-file", dir.resolve("state.json").toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Inject LocalForgeSettings settings;
  String repo;
  String changes;

  @BeforeEach
  void freshRepo() {
    repo = "demo/app" + REPOS.incrementAndGet();
    changes = "/api/v1/repos/" + repo + "/changes";
  }

  @Test
  void openListGet() {
    open("{\"title\":\"Add x\",\"author\":\"alice\",\"source\":\"feat\",\"target\":\"main\",\"head\":\""
            + A
            + "\"}")
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
        .body("head", is(A))
        .body("labels", empty())
        .body("createdAt", endsWith("Z"));
    open(openBody("second", true)).statusCode(201).body("number", is(2)).body("draft", is(true));

    given().get(changes).then().statusCode(200).body("number", contains(1, 2));
    given().get(changes + "/2").then().statusCode(200).body("title", is("second"));
    given().post(changes + "/1/close").then().statusCode(200).body("state", is("closed"));
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
    open(openBody("t", false)).statusCode(201);
    post("/1/comments", "{\"author\":\"bob\",\"body\":\"/lgtm\"}")
        .statusCode(201)
        .body("comments", hasSize(1))
        .body("comments[0].author", is("bob"))
        .body("comments[0].body", is("/lgtm"))
        .body("comments[0].id", startsWith("c"));
    post("/1/reviews", "{\"author\":\"bob\",\"state\":\"approved\",\"commit\":\"" + A + "\"}")
        .statusCode(201)
        .body("reviews", hasSize(1))
        .body("reviews[0].state", is("approved"))
        .body("reviews[0].commit", is(A))
        .body("comments", hasSize(1));
  }

  @Test
  void labelsAreIdempotent() {
    open(openBody("t", false)).statusCode(201);
    given().put(changes + "/1/labels/hold").then().statusCode(200).body("labels", contains("hold"));
    given().put(changes + "/1/labels/hold").then().statusCode(200).body("labels", contains("hold"));
    given().delete(changes + "/1/labels/hold").then().statusCode(200).body("labels", empty());
    given().delete(changes + "/1/labels/hold").then().statusCode(200).body("labels", empty());
  }

  @Test
  void pushMovesTheHead() {
    open(openBody("t", false)).statusCode(201);
    post("/1/push", "{\"head\":\"" + B + "\"}").statusCode(200).body("head", is(B));
    given().get(changes + "/1").then().body("head", is(B));
  }

  @Test
  void aClosedChangeRefusesEditsWithConflict() {
    open(openBody("t", false)).statusCode(201);
    given().post(changes + "/1/close").then().statusCode(200).body("state", is("closed"));
    given().post(changes + "/1/close").then().statusCode(200);
    String closed = "change " + repo + "#1 is closed";
    post("/1/comments", "{\"author\":\"bob\",\"body\":\"hi\"}")
        .statusCode(409)
        .body("error", is(closed));
    post("/1/push", "{\"head\":\"" + B + "\"}").statusCode(409).body("error", is(closed));
    given().put(changes + "/1/labels/x").then().statusCode(409).body("error", is(closed));
    post("/1/reviews", "{\"author\":\"bob\",\"state\":\"approved\",\"commit\":\"" + A + "\"}")
        .statusCode(409);
  }

  @Test
  void aMissingChangeIsNotFound() {
    String missing = "no change " + repo + "#7";
    given().get(changes + "/7").then().statusCode(404).body("error", is(missing));
    post("/7/comments", "{\"author\":\"bob\",\"body\":\"hi\"}")
        .statusCode(404)
        .body("error", is(missing));
    given().post(changes + "/7/close").then().statusCode(404).body("error", is(missing));
    given().put(changes + "/7/labels/x").then().statusCode(404).body("error", is(missing));
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
        .statusCode(404)
        .body("error", is("no change " + repo + "#0"));
    given()
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
        "missing title|{'author':'a','source':'f','target':'main','head':'HEAD'}|title|missing field 'title'",
        "blank author|{'title':'t','author':' ','source':'f','target':'main','head':'HEAD'}|author|author must not be blank",
        "null source|{'title':'t','author':'a','source':null,'target':'main','head':'HEAD'}|source|missing field 'source'",
        "number title|{'title':5,'author':'a','source':'f','target':'main','head':'HEAD'}|title|title must be a string",
        "string draft|{'title':'t','author':'a','source':'f','target':'main','draft':'yes','head':'HEAD'}|draft|draft must be true or false",
        "unknown field|{'titel':'t','author':'a','source':'f','target':'main','head':'HEAD'}|titel|unknown field 'titel'",
        "short head|{'title':'t','author':'a','source':'f','target':'main','head':'abc'}|head|head must be a full lowercase hex commit id: abc",
        "same branches|{'title':'t','author':'a','source':'main','target':'main','head':'HEAD'}|target|target must differ from source",
        "malformed|{'title': |''|",
        "not an object|[1]|''|body must be a JSON object",
      })
  void badOpenBodiesNameTheField(String why, String body, String field, String error) {
    String json = body.replace('\'', '"').replace("HEAD", A);
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
        "comment without body|comments|{'author':'bob'}|body|missing field 'body'",
        "comment unknown|comments|{'author':'bob','body':'x','bodyy':1}|bodyy|unknown field 'bodyy'",
        "review state|reviews|{'author':'bob','state':'lgtm','commit':'HEAD'}|state|state must be one of approved, changes_requested, commented, dismissed: lgtm",
        "review commit type|reviews|{'author':'bob','state':'approved','commit':7}|commit|commit must be a string",
        "push blank head|push|{'head':' '}|head|head must not be blank",
        "push empty body|push||''|body must be a JSON object",
      })
  void badEditBodiesNameTheField(String why, String path, String body, String field, String error) {
    open(openBody("t", false)).statusCode(201);
    String json = body == null ? "" : body.replace('\'', '"').replace("HEAD", A);
    post("/1/" + path, json).statusCode(400).body("field", is(field)).body("error", is(error));
  }

  @Test
  void stateSurvivesANewStore() throws IOException {
    open(openBody("kept", false)).statusCode(201);
    post("/1/comments", "{\"author\":\"bob\",\"body\":\"hi\"}").statusCode(201);
    given().put(changes + "/1/labels/hold").then().statusCode(200);

    LocalChange reread = new LocalForgeStore(settings.stateFile()).get(repo, 1).orElseThrow();
    assertEquals("kept", reread.title());
    assertEquals(1, reread.comments().size());
    assertEquals(java.util.List.of("hold"), reread.labels());
  }

  private String openBody(String title, boolean draft) {
    return "{\"title\":\""
        + title
        + "\",\"author\":\"alice\",\"source\":\"feat\",\"target\":\"main\",\"draft\":"
        + draft
        + ",\"head\":\""
        + A
        + "\"}";
  }

  private ValidatableResponse open(String body) {
    return given().contentType(ContentType.JSON).body(body).post(changes).then();
  }

  private ValidatableResponse post(String path, String body) {
    return given().contentType(ContentType.JSON).body(body).post(changes + path).then();
  }
}
