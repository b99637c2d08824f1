package dev.ciorchestrator.web;

import static dev.ciorchestrator.testing.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import dev.ciorchestrator.config.sync.ConfigSettings;
import dev.ciorchestrator.config.sync.TestRepo;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/config} against a real repository, with the real loader and CEL engine. */
@QuarkusTest
@WithTestResource(ConfigRepoResource.class)
class ConfigResourceTest {
  @Inject ConfigSettings settings;
  String repoUrl;

  TestRepo repo;
  String good;

  @BeforeEach
  void goodConfig() throws Exception {
    repoUrl = settings.repoUrl();
    repo = TestRepo.open(Path.of(repoUrl));
    good = repo.write("ci/config.yaml", ConfigRepoResource.GOOD).commit("good again");
    as("alice").post("/api/v1/config/sync").then().statusCode(200).body("state", is("Synced"));
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void getShowsTheRunningConfig() {
    given()
        .get("/api/v1/config")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("state", is("Synced"))
        .body("source", is(repoUrl + "@main:ci/"))
        .body("resolvedRevision", is(good))
        .body("runningRevision", is(good))
        .body("checkedAt", endsWith("Z"))
        .body("lastSyncedAt", notNullValue())
        .body("summary", is("1 repositories, 1 jobs, 0 policies"))
        .body("errors", empty());
  }

  @Test
  void syncReportsABrokenCommitAndKeepsTheLastGood() throws Exception {
    String broken =
        repo.write("ci/config.yaml", ConfigRepoResource.GOOD + "colour: blue\n").commit("broken");
    as("alice")
        .post("/api/v1/config/sync")
        .then()
        .statusCode(200)
        .body("state", is("Error"))
        .body("resolvedRevision", is(broken))
        .body("runningRevision", is(good))
        .body("errors", hasSize(1))
        .body("errors[0].file", is("config.yaml"))
        .body("errors[0].line", is(11))
        .body("errors[0].column", is(1))
        .body("errors[0].field", is("colour"))
        .body("errors[0].message", is("unknown field 'colour'"));
    given().get("/api/v1/config").then().body("state", is("Error"));

    String fixed = repo.write("ci/config.yaml", ConfigRepoResource.GOOD).commit("fixed");
    as("alice")
        .post("/api/v1/config/sync")
        .then()
        .body("state", is("Synced"))
        .body("runningRevision", is(fixed));
  }

  @Test
  void aRevisionInTheBodyIsRefusedByName() {
    as("alice")
        .contentType(ContentType.JSON)
        .body("{\"revision\": \"main\"}")
        .post("/api/v1/config/sync")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("field", is("revision"))
        .body("error", org.hamcrest.Matchers.startsWith("unknown field 'revision'"));
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsRefused() {
    as("alice")
        .contentType(ContentType.JSON)
        .body("[1]")
        .post("/api/v1/config/sync")
        .then()
        .statusCode(400)
        .body("field", is(""))
        .body("error", is("body must be a JSON object"));
    as("alice")
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/config/sync")
        .then()
        .statusCode(200);
  }
}
