package dev.ciorchestrator.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The service as wired, through its HTTP API only: a change opened over the API starts its jobs at
 * once (the API's write is the event; the timer is off in tests), the results and the gate show in
 * the change, an approval merges it, and the loop's passes and readiness are visible.
 */
@QuarkusTest
@TestProfile(OneComputerApiTest.Service.class)
class OneComputerApiTest {
  private static final String CHANGES = "/api/v1/repos/acme/app/changes";

  /** A config folder and the forge's repository, made before the service starts. */
  public static class Service implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path dir = Files.createTempDirectory("one-computer-api");
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(
            config.resolve("ci.yaml"),
            Files.readString(Path.of("src/test/resources/e2e/ci.yaml"))
                .replace("HOLD_FILE_PATH", dir.resolve("no-hold").toString()));
        Path repos = dir.resolve("repos");
        try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
          work.commit("main", "main", TestGitRepo.files("app.txt", "ok\n"));
          work.commit("feature", "main", TestGitRepo.files("feature.txt", "new\n"));
          work.bareClone(LocalRepos.bareRepoPath(repos, OneComputer.REPO));
        }
        return ServiceFolders.settings(dir, config);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static JsonPath until(String what, String path, Predicate<JsonPath> done)
      throws InterruptedException {
    return ServiceApi.until(
        what,
        () -> given().get(path).then().statusCode(200).extract().jsonPath(),
        done,
        JsonPath::prettify);
  }

  @Test
  void openRunReportApproveMergeThroughTheApi() throws Exception {
    int n = ServiceApi.openFeatureChange(CHANGES);

    JsonPath runs =
        until(
            "both jobs succeed",
            "/api/v1/runs?repo=acme/app&change=" + n,
            j ->
                j.getList("state").size() == 2
                    && j.getList("state").stream().allMatch("success"::equals));
    assertThat(runs.<String>getList("job")).containsExactlyInAnyOrder("build", "test");
    assertThat(runs.<String>getList("trigger")).containsOnly("pull_request");

    JsonPath change =
        until(
            "the gate explains itself",
            CHANGES + "/" + n,
            j ->
                j.getList("statuses.context").contains("ci/gate")
                    && j.getList("statuses.state").stream().filter("success"::equals).count() == 2);
    assertThat(change.<String>getList("statuses.description"))
        .contains("blocked: require-approval: needs 1 approval from someone other than alice");
    assertThat(change.<String>getList("comments.author")).containsExactly("ci-orchestrator");

    ServiceApi.comment(CHANGES, n, "bob", "/approve");

    JsonPath merged =
        until("the change merges", CHANGES + "/" + n, j -> "merged".equals(j.get("state")));
    assertThat(merged.getString("mergeSha")).hasSize(40);
    List<String> authors = merged.getList("comments.author");
    assertThat(authors).containsExactly("ci-orchestrator", "bob"); // still one summary

    given()
        .get("/api/v1/reconcile")
        .then()
        .statusCode(200)
        .body("repo", hasItem("acme/app"))
        .body("find { it.repo == 'acme/app' }.error", is(""));
    given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
  }
}
