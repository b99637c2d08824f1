package dev.ciorchestrator.forge.github;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.e2e.ServiceFolders;
import dev.ciorchestrator.runtime.ReconcileService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The service with a GitHub connection from its settings, against {@link FakeGitHub}: the
 * connection is found by {@code forge: gh}, polled by the reconcile loop (a run starts and its
 * {@code ci/build} status reaches GitHub), readiness reaches it, and its API traffic shows in the
 * Prometheus scrape.
 */
@QuarkusTest
@TestProfile(GitHubServiceTest.Profile.class)
class GitHubServiceTest {
  private static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/app
      forge: gh
      defaultBranch: main
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: build
      repos: [acme/app]
      triggers: {pullRequest: {branches: [main]}}
      run: "test -f src/app.txt"
      """;

  /** A fake GitHub with one pull request, and the service's folders, for this class only. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(World.class));
    }
  }

  public static class World implements QuarkusTestResourceLifecycleManager {
    private GitHubWorld world;

    @Override
    public Map<String, String> start() {
      try {
        Path dir = Files.createTempDirectory("github-service");
        world = new GitHubWorld(dir.resolve("world"));
        world.openFeature("alice");
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("ci.yaml"), CONFIG);
        Map<String, String> settings = new HashMap<>(ServiceFolders.settings(dir, config));
        settings.put("ci.forge.github.gh.api-url", world.github.apiUrl().toString());
        settings.put("ci.forge.github.gh.token", GitHubWorld.TOKEN);
        settings.put("ci.forge.github.gh.bot", GitHubWorld.BOT);
        settings.put(
            "ci.forge.github.gh.clone-url", dir.resolve("world/remote").toUri() + "{repo}.git");
        settings.put("ci.forge.github.gh.mirror-dir", dir.resolve("mirrors").toString());
        return settings;
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the fake GitHub", e);
      }
    }

    @Override
    public void stop() {
      world.close();
    }
  }

  // the mapping, not @ConfigProperty: that annotation makes javac warn about missing OSGi classes
  @Inject GitHubSettings settings;

  private JsonPath github(String path) {
    return given()
        .baseUri(settings.connections().get("gh").apiUrl().toString())
        .header("Authorization", "Bearer " + GitHubWorld.TOKEN)
        .get(path)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Inject ReconcileService service;

  /** Polls as the service's timer would (tests turn the timer off). */
  private <T> T until(String what, Supplier<T> read, java.util.function.Predicate<T> done)
      throws InterruptedException {
    T last = read.get();
    for (int i = 0; i < 600 && !done.test(last); i++) {
      Thread.sleep(100);
      service.loop().request("acme/app");
      last = read.get();
    }
    assertThat(done.test(last)).as("%s; last: %s", what, last).isTrue();
    return last;
  }

  @Test
  void theServicePollsTheConnectionNamedInTheConfig() throws Exception {
    String head = github("/repos/acme/app/pulls/1").getString("head.sha");
    until(
        "ci/build succeeded on GitHub",
        () -> github("/repos/acme/app/commits/" + head + "/status").getList("statuses.context"),
        contexts ->
            contexts.contains("ci/build")
                && github("/repos/acme/app/commits/" + head + "/status")
                    .getList("statuses.findAll { it.context == 'ci/build' }.state")
                    .contains("success"));

    String ready = given().get("/q/health/ready").then().extract().asString();
    assertThat(ready).contains("acme/app").contains("reachable");

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .containsPattern("ci_orchestrator_forge_requests_total\\{[^}]*forge=\"github\"[^}]*\\}");
  }
}
