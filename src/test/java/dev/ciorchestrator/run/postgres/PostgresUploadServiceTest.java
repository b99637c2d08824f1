package dev.ciorchestrator.run.postgres;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.runtime.ReconcileService;
import dev.ciorchestrator.testing.PostgresResource;
import dev.ciorchestrator.upload.PostgresUploadStaging;
import dev.ciorchestrator.upload.UploadStaging;
import dev.ciorchestrator.upload.UploadTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The service with {@code ci.store.kind=postgres} stages the pods' uploads in the database: what
 * its upload API took is in the shared store, where the next leader finds it.
 */
@QuarkusTest
@TestProfile(PostgresStoreServiceTest.Postgres.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class PostgresUploadServiceTest {
  @Inject RunStore runs;
  @Inject UploadTokens tokens;
  @Inject UploadStaging staging;
  @Inject ReconcileService service;

  @Test
  void theUploadApiStagesInTheSharedStore() throws Exception {
    assertThat(staging).isInstanceOf(PostgresUploadStaging.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!service.leader() && System.nanoTime() < deadline) { // only the leader stages
      Thread.sleep(100);
    }
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange("acme/uploads", 4, "a".repeat(40), "build", 1), Instant.now());
    assertThat(runs.create(run)).isTrue();

    given()
        .header("Authorization", "Bearer " + tokens.mint(run.id()))
        .contentType("application/octet-stream")
        .body(new byte[] {1, 2, 3})
        .put("/api/v1/runs/" + run.id() + "/upload/file?path=bin/app&offset=0")
        .then()
        .statusCode(204);

    var staged = staging.staged(run.id());
    assertThat(Files.readAllBytes(staged.workspace().resolve("bin/app")))
        .isEqualTo(new byte[] {1, 2, 3});
    staging.delete(run.id());
  }
}
