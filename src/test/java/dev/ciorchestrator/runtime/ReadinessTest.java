package dev.ciorchestrator.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.ciorchestrator.e2e.ServiceFolders;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness names the configured repository its forge cannot reach, while the service stays ready:
 * one repository's bad state never takes the whole service out. A new revision naming a repository
 * by a path, or a link out of the config folder, is refused at load, and the service stays ready on
 * the last good one.
 */
@QuarkusTest
@TestProfile(ReadinessTest.OneMissingRepository.class)
class ReadinessTest {
  private static final String REPOSITORIES =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/present
      forge: local
      ---
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/missing
      forge: local
      """;

  private static Path config;

  /** A valid config naming one local repository that exists and one that does not. */
  public static class OneMissingRepository implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path dir = Files.createTempDirectory("readiness");
        config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("repo.yaml"), REPOSITORIES);
        try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
          work.commit("main", "main", TestGitRepo.files("README", "hello\n"));
          work.bareClone(dir.resolve("repos/acme/present.git"));
        }
        return ServiceFolders.settings(dir, config);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void anUnreachableRepositoryIsNamedWhileTheServiceStaysReady() throws InterruptedException {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.find { it.name == 'config' }.status", is("UP"))
        .body("checks.find { it.name == 'forge' }.status", is("UP"))
        .body("checks.find { it.name == 'forge' }.data.'acme/present'", is("reachable"))
        .body(
            "checks.find { it.name == 'forge' }.data.'acme/missing'",
            containsString("acme/missing"))
        .body("checks.find { it.name == 'forge' }.data.unreachable", is(1));
    // the first pass runs on the loop's thread right after startup; wait for it, not for a time
    for (int i = 0;
        i < 600 && given().get("/api/v1/reconcile").jsonPath().getList("").isEmpty();
        i++) {
      Thread.sleep(50);
    }
    given()
        .get("/api/v1/reconcile")
        .then()
        .statusCode(200)
        .body("find { it.repo == 'acme/missing' }.error", containsString("acme/missing"));
  }

  @Test
  void aRepositoryNamedByAPathIsRefusedAtLoadAndReadinessStaysUp() throws Exception {
    Path bad = config.resolve("zz-escape.yaml");
    Files.writeString(
        bad,
        """
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: ../../etc/passwd
        forge: local
        """);
    try {
      TestUsers.as("alice")
          .post("/api/v1/config/sync")
          .then()
          .statusCode(200)
          .body("state", is("Error"))
          .body(
              "errors.collect { it.file + ':' + it.line + ':' + it.column + ' ' + it.field }",
              hasItem("zz-escape.yaml:3:7 name"))
          .body("errors[0].message", containsString("'../../etc/passwd'"));
      given()
          .get("/q/health/ready")
          .then()
          .statusCode(200)
          .body("checks.find { it.name == 'config' }.status", is("UP"))
          .body("checks.find { it.name == 'config' }.data.state", is("Error"))
          .body("checks.find { it.name == 'forge' }.data.'acme/present'", is("reachable"));
      // the metric spells the state as the API and the health check do
      assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
          .containsPattern(
              "(?m)^ci_orchestrator_config_sync_state\\{[^}]*state=\"Error\"[^}]*} 1\\.0$")
          .containsPattern(
              "(?m)^ci_orchestrator_config_sync_state\\{[^}]*state=\"Synced\"[^}]*} 0\\.0$");
    } finally {
      Files.delete(bad);
      TestUsers.as("alice").post("/api/v1/config/sync").then().body("state", is("Synced"));
    }
  }

  @Test
  void aLinkOutOfTheConfigFolderIsRefusedByTheOpenApiWithoutItsContent() throws Exception {
    Path link = Files.createSymbolicLink(config.resolve("passwd.yaml"), Path.of("/etc/passwd"));
    try {
      String answer =
          TestUsers.as("alice")
              .post("/api/v1/config/sync")
              .then()
              .statusCode(200)
              .body("state", is("Error"))
              .body("errors[0].file", is("passwd.yaml"))
              .body("errors[0].message", startsWith("symbolic link out of the config folder"))
              .extract()
              .asString();
      assertThat(answer).doesNotContain("root:").doesNotContain("/etc/passwd");
      assertThat(given().get("/api/v1/config").asString()).isEqualTo(answer);
      given().get("/q/health/ready").then().statusCode(200);
    } finally {
      Files.delete(link);
      TestUsers.as("alice").post("/api/v1/config/sync").then().body("state", is("Synced"));
    }
  }
}
