package dev.ciorchestrator.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.upload.UploadTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/runs/{id}/upstream} in the service: the run's own token gets past the API's
 * user authentication and is checked by the resource, with JSON refusals naming the field (which
 * upstream runs and files it serves is {@code upload.UpstreamReadsTest}; a pod fetching them is
 * {@code executor.kubernetes.KubernetesUploadTest}).
 */
@QuarkusTest
class RunUpstreamResourceTest {
  @Inject RunStore runs;
  @Inject UploadTokens tokens;

  RunRecord running() throws Exception {
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange("demo/upstream", System.nanoTime() % 100000, "a".repeat(40), "t", 1),
            Instant.now());
    assertThat(runs.create(run)).isTrue();
    RunRecord next = run.withState(RunState.RUNNING, Instant.now(), "");
    runs.update(next);
    return next;
  }

  String path(RunRecord run) {
    return "/api/v1/runs/" + run.id() + "/upstream";
  }

  @Test
  void theRunsTokenListsItsUpstreamsNoneForAJobThatNeedsNothing() throws Exception {
    RunRecord run = running();

    given()
        .header("Authorization", "Bearer " + tokens.mint(run.id()))
        .get(path(run))
        .then()
        .statusCode(200)
        .body("runId", is(run.id()))
        .body("upstreams", empty());
  }

  @Test
  void aUsersTokenOrNoneIs401NamingTheHeader() throws Exception {
    RunRecord run = running();

    given()
        .header("Authorization", "Bearer test-token-alice")
        .get(path(run))
        .then()
        .statusCode(401)
        .body("field", is("Authorization"))
        .body("error", containsString("not the run token of run " + run.id()));
    given().get(path(run)).then().statusCode(401).body("field", is("Authorization"));
  }

  @Test
  void anEndedRunIs403AndOnlyTheExactRoutesTakeTheRunsToken() throws Exception {
    RunRecord run = running();
    String bearer = "Bearer " + tokens.mint(run.id());
    // not the route's spelling: the API's user check sees a token that is no user's
    given().header("Authorization", bearer).get(path(run) + "/md5:abc").then().statusCode(401);
    given().header("Authorization", bearer).get("/api/v1/runs/" + run.id()).then().statusCode(401);

    runs.update(run.withState(RunState.SUCCESS, Instant.now(), ""));

    given()
        .urlEncodingEnabled(false) // the colon raw, as pod fetch sends it
        .header("Authorization", bearer)
        .get(path(run) + "/sha256:" + "0".repeat(64))
        .then()
        .statusCode(403)
        .body("field", is("Authorization"))
        .body("error", containsString("has ended (success)"));
  }
}
