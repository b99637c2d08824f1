package dev.ciorchestrator.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import dev.ciorchestrator.artifact.Artifacts;
import dev.ciorchestrator.artifact.FileModes;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.run.RunStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest and downloads by digest, on the service's real store. */
@QuarkusTest
class ArtifactResourceTest {
  @Inject RunStore runs;
  @Inject Artifacts artifacts;
  @TempDir Path tmp;

  private Manifest collected(String content) throws Exception {
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange(
                "demo/artifacts", System.nanoTime() % 100000, "a".repeat(40), "build", 1),
            Instant.parse("2026-12-03T12:00:00Z"));
    assertThat(runs.create(run)).isTrue();
    Files.createDirectories(tmp.resolve("bin"));
    Files.writeString(tmp.resolve("bin/hello"), content);
    FileModes.set(tmp.resolve("bin/hello"), 0755);
    return artifacts.store().collect(run.id(), tmp, List.of("bin/*"));
  }

  @Test
  void theManifestListsEveryFileWithItsDownload() throws Exception {
    Manifest m = collected("0123456789");
    String digest = m.files().get(0).digest();

    given()
        .get("/api/v1/runs/" + m.runId() + "/artifacts")
        .then()
        .statusCode(200)
        .body("runId", is(m.runId()))
        .body("files.path", contains("bin/hello"))
        .body("files.size", contains(10))
        .body("files.digest", contains(digest))
        .body("files.mode", contains("0755"))
        .body("files.url", contains("/api/v1/artifacts/" + digest));
  }

  @Test
  void downloadsByDigestWithETagAndRanges() throws Exception {
    String digest = collected("0123456789-ranges").files().get(0).digest();
    String etag = "\"" + digest + "\"";

    given()
        .get("/api/v1/artifacts/" + digest)
        .then()
        .statusCode(200)
        .header("ETag", etag)
        .header("Accept-Ranges", "bytes")
        .body(is("0123456789-ranges"));
    given()
        .header("Range", "bytes=2-4")
        .get("/api/v1/artifacts/" + digest)
        .then()
        .statusCode(206)
        .header("Content-Range", "bytes 2-4/17")
        .body(is("234"));
    given()
        .header("Range", "bytes=-6")
        .get("/api/v1/artifacts/" + digest)
        .then()
        .statusCode(206)
        .body(is("ranges"));
    given()
        .header("Range", "bytes=10-")
        .get("/api/v1/artifacts/" + digest)
        .then()
        .statusCode(206)
        .body(is("-ranges"));
    given()
        .header("Range", "bytes=99-")
        .get("/api/v1/artifacts/" + digest)
        .then()
        .statusCode(416)
        .header("Content-Range", "bytes */17")
        .body("field", is("Range"));
    given().header("If-None-Match", etag).get("/api/v1/artifacts/" + digest).then().statusCode(304);
  }

  @Test
  void unknownAndMalformedAreJsonErrors() throws Exception {
    given()
        .get("/api/v1/artifacts/sha256:" + "0".repeat(64))
        .then()
        .statusCode(404)
        .body("field", is("digest"));
    given().get("/api/v1/artifacts/md5:abc").then().statusCode(400).body("field", is("digest"));
    given()
        .get("/api/v1/runs/no-such-run/artifacts")
        .then()
        .statusCode(404)
        .body("field", is("id"));
  }
}
