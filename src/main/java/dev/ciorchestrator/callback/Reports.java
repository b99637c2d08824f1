package dev.ciorchestrator.callback;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.reconcile.GateDecision;
import dev.ciorchestrator.report.RunLinks;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON reports (docs/reports.md), as ordered maps: pure, so their shape is tested without HTTP.
 * Each is {@code {"run": {...}}} or {@code {"gate": {...}}}; delivery adds {@code event}, {@code
 * delivery} and {@code sentAt} around it.
 */
public final class Reports {
  public static final String RUN = "run";
  public static final String GATE = "gate";

  private Reports() {}

  /** A run that reached a terminal state; {@code result} is its state's wire name. */
  public static Map<String, Object> run(RunRecord r, RunLinks links) {
    var key = r.key();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", r.id());
    run.put("repo", key.repo());
    run.put("job", key.job());
    run.put("change", key.change());
    run.put("ref", key.ref());
    run.put("baseSha", r.baseSha());
    run.put("headSha", key.sha());
    run.put("attempt", key.attempt());
    run.put("configRevision", r.configRevision());
    run.put("trigger", r.trigger().wire());
    run.put("causedBy", r.causedBy());
    run.put("result", r.state().wire());
    run.put("message", r.message());
    run.put("queuedAt", time(r.queuedAt()));
    run.put("startedAt", time(r.startedAt()));
    run.put("finishedAt", time(r.finishedAt()));
    run.put("logUrl", links.log(r.id()));
    return Map.of(RUN, run);
  }

  /** A published gate decision of a change at its head SHA. */
  public static Map<String, Object> gate(Change c, GateDecision g, String configRevision) {
    Map<String, Object> gate = new LinkedHashMap<>();
    gate.put("repo", c.repo());
    gate.put("change", c.number());
    gate.put("title", c.title());
    gate.put("author", c.author());
    gate.put("baseRef", c.baseRef());
    gate.put("baseSha", c.baseSha());
    gate.put("headSha", c.headSha());
    gate.put("configRevision", configRevision);
    gate.put("result", g.pass() ? "passed" : "blocked");
    gate.put("summary", g.summary());
    gate.put("decisions", g.decisions().stream().map(Reports::decision).toList());
    return Map.of(GATE, gate);
  }

  private static Map<String, Object> decision(Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", d.policy());
    m.put("pass", d.pass());
    m.put("reason", d.reason());
    return m;
  }

  /** ISO-8601 UTC, or empty for a time not reached ({@code startedAt} of a run never started). */
  private static String time(Instant t) {
    return t == null ? "" : t.toString();
  }

  /** The keys every line logged about a run carries (JSON logs: {@code mdc}). */
  public static Map<String, String> context(String runId, String repo, String job) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("run_id", runId);
    m.put("repo", repo);
    m.put("job", job);
    return m;
  }

  static List<String> events() {
    return List.of(RUN, GATE);
  }
}
