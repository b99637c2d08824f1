package dev.ciorchestrator.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.reconcile.GateDecision;
import dev.ciorchestrator.report.RunLinks;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reports' JSON as a receiver reads it (docs/reports.md). */
class ReportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String HEAD = "a".repeat(40);

  private static JsonNode sent(String event, java.util.Map<String, Object> payload)
      throws Exception {
    Delivery d =
        new Delivery(
            "d-1", event, URI.create("http://x/"), "s", payload, java.util.Map.of(), 0, T0);
    return JSON.readTree(CallbackDispatcher.body(d, T0.plusSeconds(9)));
  }

  @Test
  void aRunReportNamesEverythingTheRunRecordKnows() throws Exception {
    RunRecord run =
        TestRuns.pending(RunKey.forChange("acme/app", 7, HEAD, "build", 2), T0)
            .withState(RunState.RUNNING, T0.plusSeconds(1), "")
            .withState(RunState.FAILURE, T0.plusSeconds(61), "exit code 1");
    JsonNode body = sent(Reports.RUN, Reports.run(run, new RunLinks("https://ci.example/")));

    assertThat(body.path("event").asText()).isEqualTo("run");
    assertThat(body.path("delivery").asText()).isEqualTo("d-1");
    assertThat(body.path("sentAt").asText()).isEqualTo("2026-03-01T10:00:09Z");
    JsonNode r = body.path("run");
    assertThat(r.path("id").asText()).isEqualTo(run.id());
    assertThat(r.path("repo").asText()).isEqualTo("acme/app");
    assertThat(r.path("job").asText()).isEqualTo("build");
    assertThat(r.path("change").asLong()).isEqualTo(7);
    assertThat(r.path("headSha").asText()).isEqualTo(HEAD);
    assertThat(r.path("attempt").asInt()).isEqualTo(2);
    assertThat(r.path("configRevision").asText()).isEqualTo("cfg1");
    assertThat(r.path("trigger").asText()).isEqualTo("pull_request");
    assertThat(r.path("causedBy").asText()).isEqualTo("alice");
    assertThat(r.path("result").asText()).isEqualTo("failure");
    assertThat(r.path("message").asText()).isEqualTo("exit code 1");
    assertThat(r.path("queuedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(r.path("startedAt").asText()).isEqualTo("2026-03-01T10:00:01Z");
    assertThat(r.path("finishedAt").asText()).isEqualTo("2026-03-01T10:01:01Z");
    assertThat(r.path("logUrl").asText())
        .isEqualTo("https://ci.example/api/v1/runs/" + run.id() + "/log");
    assertThat(r.has("baseSha")).isTrue();
    assertThat(r.has("ref")).isTrue();
  }

  @Test
  void aGateReportNamesTheChangeHeadAndEveryDecision() throws Exception {
    Change change =
        new Change(
            "acme/app",
            12,
            "Add feature",
            "alice",
            false,
            List.of(),
            List.of(),
            "main",
            "b".repeat(40),
            "feature",
            HEAD,
            List.of("a.go"),
            true,
            T0,
            T0);
    GateDecision gate =
        GateDecision.of(
            List.of(
                Decision.pass("required-jobs", "all required jobs passed"),
                Decision.fail("two-approvals", "needs 2 approvals, has 0")));
    JsonNode body = sent(Reports.GATE, Reports.gate(change, gate, "cfg9"));

    assertThat(body.path("event").asText()).isEqualTo("gate");
    JsonNode g = body.path("gate");
    assertThat(g.path("repo").asText()).isEqualTo(change.repo());
    assertThat(g.path("change").asLong()).isEqualTo(change.number());
    assertThat(g.path("headSha").asText()).isEqualTo(change.headSha());
    assertThat(g.path("baseRef").asText()).isEqualTo(change.baseRef());
    assertThat(g.path("configRevision").asText()).isEqualTo("cfg9");
    assertThat(g.path("result").asText()).isEqualTo("blocked");
    assertThat(g.path("summary").asText()).isEqualTo("two-approvals: needs 2 approvals, has 0");
    assertThat(g.path("decisions").get(1).path("policy").asText()).isEqualTo("two-approvals");
    assertThat(g.path("decisions").get(1).path("pass").asBoolean()).isFalse();
    assertThat(g.path("decisions").get(0).path("pass").asBoolean()).isTrue();
  }
}
