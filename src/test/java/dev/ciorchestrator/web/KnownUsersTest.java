package dev.ciorchestrator.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code ci.forge.local.users} set, only those people act, and nobody acts as the bot. */
@QuarkusTest
@TestProfile(KnownUsersTest.TwoUsers.class)
class KnownUsersTest {
  private static final String CHANGES = "/api/v1/repos/demo/users/changes";
  private static final String HEAD = "a".repeat(40);

  public static class TwoUsers implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        var dir = Files.createTempDirectory("known-users");
        return Map.of(
            "ci.forge.local.state-file",
            dir.resolve("state.json").toString(),
            "ci.forge.local.users",
            "alice,Bob");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String open(String author) {
    return "{\"title\":\"t\",\"author\":\""
        + author
        + "\",\"source\":\"f\",\"target\":\"main\","
        + "\"head\":\""
        + HEAD
        + "\"}";
  }

  @Test
  void anUnknownAuthorIsRefusedNamingTheFieldAndNothingIsWritten() {
    String changes = "/api/v1/repos/demo/refused/changes";
    given()
        .contentType(ContentType.JSON)
        .body(open("eve"))
        .post(changes)
        .then()
        .statusCode(400)
        .body("field", is("author"))
        .body(
            "error",
            is("author eve is not a user of this forge (ci.forge.local.users: alice, bob)"));
    given().get(changes).then().statusCode(200).body("size()", is(0));
  }

  @Test
  void knownUsersActAndCaseDoesNotMatter() {
    int number =
        given()
            .contentType(ContentType.JSON)
            .body(open("alice"))
            .post(CHANGES)
            .then()
            .statusCode(201)
            .extract()
            .path("number");
    given()
        .contentType(ContentType.JSON)
        .body("{\"author\":\"bob\",\"body\":\"/approve\"}")
        .post(CHANGES + "/" + number + "/comments")
        .then()
        .statusCode(201);
    given()
        .contentType(ContentType.JSON)
        .body("{\"author\":\"mallory\",\"body\":\"/approve\"}")
        .post(CHANGES + "/" + number + "/comments")
        .then()
        .statusCode(400)
        .body("field", is("author"));
  }

  @Test
  void nobodyCommentsAsTheOrchestrator() {
    given()
        .contentType(ContentType.JSON)
        .body(open("ci-orchestrator"))
        .post(CHANGES)
        .then()
        .statusCode(400)
        .body("field", is("author"))
        .body("error", containsString("the orchestrator's own login"));
  }
}
