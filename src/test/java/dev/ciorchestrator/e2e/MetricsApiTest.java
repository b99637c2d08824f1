package dev.ciorchestrator.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The service's Prometheus scrape after a real change went through it (runs, a blocked and a passed
 * gate, a merge): every {@code ci_orchestrator_*} series is there with bounded tags only.
 */
@QuarkusTest
@TestProfile(MetricsApiTest.Service.class)
class MetricsApiTest {
  private static final String CHANGES = "/api/v1/repos/acme/app/changes";
  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final Set<String> BOUNDED =
      Set.of("repo", "job", "trigger", "result", "forge", "policy", "state", "event", "le");

  /** Its own folders: the same layout as {@link OneComputerApiTest}'s, made afresh. */
  public static class Service extends OneComputerApiTest.Service {}

  record Series(String name, Map<String, String> labels, double value) {}

  private static List<Series> scrape() {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    List<Series> all = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (line.startsWith("ci_orchestrator_") && m.find()) {
        Map<String, String> labels = new HashMap<>();
        Matcher l = LABEL.matcher(m.group(2) == null ? "" : m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
        all.add(new Series(m.group(1), labels, Double.parseDouble(m.group(3))));
      }
    }
    return all;
  }

  private static List<Series> named(List<Series> all, String name) {
    return all.stream().filter(s -> s.name().equals(name)).toList();
  }

  private static List<Series> until(String what, Predicate<List<Series>> done)
      throws InterruptedException {
    return ServiceApi.until(what, MetricsApiTest::scrape, done, String::valueOf);
  }

  @Test
  void aChangesWayThroughTheServiceShowsInItsMetrics() throws Exception {
    int n = ServiceApi.openFeatureChange(CHANGES);
    until(
        "both jobs finish and the gate blocks",
        all ->
            named(all, "ci_orchestrator_runs_finished_total").size() == 2
                && !named(all, "ci_orchestrator_gate_policy_failures_total").isEmpty());
    ServiceApi.comment(CHANGES, n, "bob", "/approve");
    List<Series> all =
        until("the change merges", a -> !named(a, "ci_orchestrator_merges_total").isEmpty());

    assertThat(named(all, "ci_orchestrator_runs_started_total"))
        .extracting(Series::labels)
        .contains(
            Map.of("repo", "acme/app", "job", "build", "trigger", "pull_request"),
            Map.of("repo", "acme/app", "job", "test", "trigger", "pull_request"));
    assertThat(named(all, "ci_orchestrator_runs_finished_total"))
        .extracting(Series::labels)
        .contains(
            Map.of(
                "repo", "acme/app", "job", "test", "trigger", "pull_request", "result", "success"));
    assertThat(named(all, "ci_orchestrator_run_duration_seconds_bucket"))
        .extracting(s -> s.labels().get("result"))
        .contains("success");
    assertThat(named(all, "ci_orchestrator_run_queue_seconds_count"))
        .extracting(s -> s.labels().get("job"))
        .contains("build", "test");
    assertThat(named(all, "ci_orchestrator_reconcile_duration_seconds_count"))
        .extracting(Series::labels)
        .contains(Map.of("repo", "acme/app"));
    assertThat(named(all, "ci_orchestrator_reconcile_errors_total"))
        .containsExactly(
            new Series("ci_orchestrator_reconcile_errors_total", Map.of("repo", "acme/app"), 0));
    assertThat(named(all, "ci_orchestrator_gate_decisions_total"))
        .extracting(s -> s.labels().get("result"))
        .contains("blocked", "passed");
    assertThat(named(all, "ci_orchestrator_gate_policy_failures_total"))
        .extracting(Series::labels)
        .contains(Map.of("repo", "acme/app", "policy", "require-approval"));
    assertThat(named(all, "ci_orchestrator_merges_total"))
        .containsExactly(
            new Series(
                "ci_orchestrator_merges_total", Map.of("repo", "acme/app", "result", "merged"), 1));
    assertThat(named(all, "ci_orchestrator_config_sync_state"))
        .extracting(s -> s.labels().get("state") + "=" + s.value())
        .containsExactlyInAnyOrder("Synced=1.0", "OutOfSync=0.0", "Error=0.0");
    assertThat(named(all, "ci_orchestrator_config_revision_info"))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
    assertThat(named(all, "ci_orchestrator_config_load_duration_seconds_count")).isNotEmpty();
    assertThat(named(all, "ci_orchestrator_executor_slots_in_use")).isNotEmpty();
    assertThat(named(all, "ci_orchestrator_reconcile_stall_seconds"))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).as("the loop keeps up").isLessThan(60));
    assertTagsAreBounded(all);
  }

  /** No series is tagged with a SHA, a change number or a user. */
  private static void assertTagsAreBounded(List<Series> all) {
    for (Series s : all) {
      if (s.name().equals("ci_orchestrator_config_revision_info")) {
        assertThat(s.labels()).containsOnlyKeys("revision"); // the one series issue 5 allows
        continue;
      }
      assertThat(BOUNDED).as(s.toString()).containsAll(s.labels().keySet());
      s.labels().entrySet().stream()
          .filter(e -> !e.getKey().equals("le"))
          .forEach(
              e ->
                  assertThat(e.getValue())
                      .as(s.toString())
                      .doesNotMatch("[0-9a-f]{7,40}|[0-9]+")
                      .isNotIn("alice", "bob"));
    }
  }
}
