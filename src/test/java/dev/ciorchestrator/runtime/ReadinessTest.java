package dev.ciorchestrator.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.ciorchestrator.e2e.ServiceFolders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readiness says which configured repository its forge cannot reach, while the config is fine. */
@QuarkusTest
@TestProfile(ReadinessTest.MissingRepository.class)
class ReadinessTest {
  /** A valid config naming a local repository that does not exist on disk. */
  public static class MissingRepository implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path dir = Files.createTempDirectory("readiness");
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(
            config.resolve("repo.yaml"),
            """
            apiVersion: ci-orchestrator/v1
            kind: Repository
            name: acme/missing
            forge: local
            defaultBranch: main
            """);
        return ServiceFolders.settings(dir, config);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void anUnreachableRepositoryMakesTheServiceUnreadyAndIsNamed() throws InterruptedException {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("status", is("DOWN"))
        .body("checks.find { it.name == 'config' }.status", is("UP"))
        .body("checks.find { it.name == 'forge' }.status", is("DOWN"))
        .body(
            "checks.find { it.name == 'forge' }.data.'acme/missing'",
            containsString("acme/missing"));
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
}
