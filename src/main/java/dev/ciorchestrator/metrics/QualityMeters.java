package dev.ciorchestrator.metrics;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.RunListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code ci_orchestrator_test_cases_total{repo,job,result}} and {@code
 * ci_orchestrator_findings_total{repo,job,level}}, counted once per run when its record reaches its
 * terminal state with results (the store tells each move once).
 */
@ApplicationScoped
@Startup
public class QualityMeters implements RunListener {
  static final String TEST_CASES = "ci_orchestrator.test_cases";
  static final String FINDINGS = "ci_orchestrator.findings";

  private final MeterRegistry registry;
  private final RunEvents events;

  public QualityMeters(MeterRegistry registry, RunEvents events) {
    this.registry = registry;
    this.events = events;
  }

  @PostConstruct
  void start() {
    events.register(this);
  }

  @PreDestroy
  void stop() {
    events.unregister(this);
  }

  @Override
  public void changed(RunRecord run) {
    if (!run.state().terminal()) {
      return;
    }
    RunResults r = run.results();
    Tags tags = Tags.of("repo", run.key().repo(), "job", run.key().job());
    if (r.tests() != null) {
      count(
          TEST_CASES,
          "Test cases read from JUnit reports",
          tags,
          "result",
          "passed",
          r.tests().passed());
      count(
          TEST_CASES,
          "Test cases read from JUnit reports",
          tags,
          "result",
          "failed",
          r.tests().failed());
      count(
          TEST_CASES,
          "Test cases read from JUnit reports",
          tags,
          "result",
          "skipped",
          r.tests().skipped());
    }
    if (r.findings() != null) {
      count(
          FINDINGS,
          "Findings read from SARIF reports",
          tags,
          "level",
          "error",
          r.findings().error());
      count(
          FINDINGS,
          "Findings read from SARIF reports",
          tags,
          "level",
          "warning",
          r.findings().warning());
      count(
          FINDINGS, "Findings read from SARIF reports", tags, "level", "note", r.findings().note());
    }
  }

  private void count(String name, String description, Tags tags, String key, String value, int n) {
    Counter.builder(name)
        .description(description)
        .tags(tags.and(key, value))
        .register(registry)
        .increment(n);
  }
}
