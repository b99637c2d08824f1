package dev.ciorchestrator.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Commands posted over the HTTP API, answered in the summary comment the API shows, with {@code
 * /hold} in the change's own labels (the ones CEL sees). alice and bob are trusted; mallory is not.
 */
@QuarkusTest
@TestProfile(CommandAnswersApiTest.Service.class)
class CommandAnswersApiTest {
  private static final String CHANGES = "/api/v1/repos/acme/app/changes";
  private static final List<String> ANSWERS =
      List.of(
          "❌ `/test nosuchjob` by bob: no job 'nosuchjob' for acme/app",
          "❌ `/test c-lint` by bob: job 'c-lint' does not run on acme/app (its repos: acme/c-*)",
          "❌ `/test all` by mallory: only a trusted user or the change's author may /test it",
          "✅ `/hold` by bob: held: the change does not merge until /unhold",
          "❌ `/unhold` by mallory: only a trusted user or the one who placed the hold may lift it",
          "❌ `/ok-to-test` by mallory: only a trusted user can /ok-to-test");

  /** Its own folders: the same layout as {@link OneComputerApiTest}'s, made afresh. */
  public static class Service extends OneComputerApiTest.Service {}

  @Test
  void everyBadCommandIsAnsweredInTheSummaryAndHoldIsALabel() throws Exception {
    int n = ServiceApi.openFeatureChange(CHANGES);
    ServiceApi.comment(CHANGES, n, "bob", "/test nosuchjob");
    ServiceApi.comment(CHANGES, n, "bob", "/test c-lint");
    ServiceApi.comment(CHANGES, n, "mallory", "/test all");
    ServiceApi.comment(CHANGES, n, "bob", "/hold");
    ServiceApi.comment(CHANGES, n, "mallory", "/unhold");
    ServiceApi.comment(CHANGES, n, "mallory", "/ok-to-test");

    JsonPath change =
        ServiceApi.until(
            "every command is answered",
            () -> given().get(CHANGES + "/" + n).then().statusCode(200).extract().jsonPath(),
            j -> ANSWERS.stream().allMatch(summary(j)::contains),
            JsonPath::prettify);

    assertThat(change.<String>getList("labels")).contains("hold");
    assertThat(change.<String>getList("comments.author").stream().filter("ci-orchestrator"::equals))
        .as("still one summary")
        .hasSize(1);
    ServiceApi.until(
        "the gate says it is held",
        () -> given().get(CHANGES + "/" + n).then().extract().jsonPath(),
        j ->
            j.<String>getList("statuses.description").stream().anyMatch(d -> d.contains("no-hold")),
        JsonPath::prettify);
  }

  private static String summary(JsonPath change) {
    List<String> bodies =
        change.getList("comments.findAll { it.author == 'ci-orchestrator' }.body");
    return bodies.isEmpty() ? "" : bodies.get(0);
  }
}
