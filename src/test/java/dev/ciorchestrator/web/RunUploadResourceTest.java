package dev.ciorchestrator.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.upload.UploadStaging;
import dev.ciorchestrator.upload.UploadTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/runs/{id}/upload/...} in the service: the run's own token passes the API's user
 * authentication, any other token is refused with a JSON body naming the header, and the run's
 * quota answers 413.
 */
@QuarkusTest
@TestProfile(RunUploadResourceTest.SmallQuota.class)
class RunUploadResourceTest {
  public static final class SmallQuota implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ci.artifacts.max-run-size", "1K",
          "ci.executor.kubernetes.work-dir", "target/upload-resource-test");
    }
  }

  @Inject RunStore runs;
  @Inject UploadTokens tokens;
  @Inject UploadStaging staging;

  RunRecord running() throws Exception {
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange("demo/uploads", System.nanoTime() % 100000, "a".repeat(40), "b", 1),
            Instant.parse("2026-12-03T12:00:00Z"));
    assertThat(runs.create(run)).isTrue();
    return run;
  }

  @Test
  void theRunsTokenUploadsBinaryChunks() throws Exception {
    RunRecord run = running();
    byte[] binary = {(byte) 0xff, 0, (byte) 0xfe, 1};

    given()
        .header("Authorization", "Bearer " + tokens.mint(run.id()))
        .contentType("application/octet-stream")
        .body(binary)
        .put("/api/v1/runs/" + run.id() + "/upload/file?path=bin/app&offset=0")
        .then()
        .statusCode(204);
    given()
        .header("Authorization", "Bearer " + tokens.mint(run.id()))
        .contentType("application/json")
        .body("{\"exitCode\": 0, \"refused\": \"\"}")
        .post("/api/v1/runs/" + run.id() + "/upload/done")
        .then()
        .statusCode(204);

    var staged = staging.staged(run.id());
    assertThat(Files.readAllBytes(staged.workspace().resolve("bin/app"))).isEqualTo(binary);
    assertThat(staged.done()).isPresent();
  }

  @Test
  void anotherRunsTokenOrAUsersTokenIsRefusedWithAJsonBodyNamingTheHeader() throws Exception {
    RunRecord run = running();
    RunRecord other = running();
    for (String token : new String[] {tokens.mint(other.id()), "test-token-alice"}) {
      given()
          .header("Authorization", "Bearer " + token)
          .contentType("application/octet-stream")
          .body(new byte[] {1})
          .put("/api/v1/runs/" + run.id() + "/upload/file?path=a&offset=0")
          .then()
          .statusCode(403)
          .contentType("application/json")
          .body("field", is("Authorization"))
          .body("error", containsString("not the upload token of run " + run.id()));
    }
    given()
        .contentType("application/octet-stream")
        .body(new byte[] {1})
        .put("/api/v1/runs/" + run.id() + "/upload/log?offset=0")
        .then()
        .statusCode(401)
        .body("field", is("Authorization"));
  }

  @Test
  void theTokenIsRefusedOnceTheRunEnded() throws Exception {
    RunRecord run = running();
    runs.update(
        run.withState(RunState.RUNNING, run.queuedAt(), "")
            .withState(RunState.FAILURE, run.queuedAt(), "x"));

    given()
        .header("Authorization", "Bearer " + tokens.mint(run.id()))
        .contentType("application/octet-stream")
        .body(new byte[] {1})
        .put("/api/v1/runs/" + run.id() + "/upload/log?offset=0")
        .then()
        .statusCode(403)
        .body("field", is("Authorization"))
        .body("error", containsString("has ended (failure)"));
  }

  @Test
  void overTheRunsQuotaIs413NamingTheSetting() throws Exception {
    RunRecord run = running();

    given()
        .header("Authorization", "Bearer " + tokens.mint(run.id()))
        .contentType("application/octet-stream")
        .body(new byte[2048])
        .put("/api/v1/runs/" + run.id() + "/upload/file?path=bin/big&offset=0")
        .then()
        .statusCode(413)
        .body("error", containsString("ci.artifacts.max-run-size (1024 bytes)"));
    assertThat(staging.staged(run.id()).workspace().resolve("bin/big")).doesNotExist();
  }
}
