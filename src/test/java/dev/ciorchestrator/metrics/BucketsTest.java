package dev.ciorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.policy.Evaluation;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every histogram, scraped as Prometheus sees it after samples across its whole range: no tag set
 * publishes more than {@link Buckets#MAX} boundaries plus {@code +Inf}.
 */
class BucketsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Pattern BUCKET = Pattern.compile("^(\\w+)_bucket\\{(.*)le=\"([^\"]+)\",?}");
  private static final List<Duration> SPREAD =
      List.of(
          Duration.ofNanos(1),
          Duration.ofNanos(3_000),
          Duration.ofNanos(70_000),
          Duration.ofMillis(3),
          Duration.ofMillis(400),
          Duration.ofSeconds(7),
          Duration.ofMinutes(3),
          Duration.ofHours(5),
          Duration.ofDays(40));

  // The registry the service scrapes through: Quarkus 3.33 ships Micrometer's simpleclient one.
  @SuppressWarnings("deprecation")
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void everyBoundaryListIsShortAndRising() {
    for (Buckets b : Buckets.values()) {
      assertThat(b.boundaries()).as(b.name()).hasSizeLessThanOrEqualTo(Buckets.MAX).isSorted();
      assertThat(b.boundaries()).as(b.name()).doesNotHaveDuplicates();
    }
  }

  @Test
  void noHistogramPublishesMoreThanMaxBucketsPerTagSet() {
    recordAcrossTheRange();

    Map<String, Integer> buckets = bucketsPerSeries(registry.scrape());

    assertThat(buckets.keySet())
        .extracting(k -> k.substring(0, k.indexOf('{')))
        .contains(
            "ci_orchestrator_run_duration_seconds",
            "ci_orchestrator_run_queue_seconds",
            "ci_orchestrator_policy_evaluation_duration_seconds",
            "ci_orchestrator_reconcile_duration_seconds",
            "ci_orchestrator_change_open_to_merge_seconds",
            "ci_orchestrator_config_load_duration_seconds",
            "ci_orchestrator_callback_latency_seconds",
            "ci_orchestrator_queue_time_seconds");
    assertThat(buckets)
        .allSatisfy((series, n) -> assertThat(n).as(series).isBetween(2, Buckets.MAX + 1));
  }

  @Test
  void aSampleLandsInItsStep() {
    new LoopMeters(registry, Clock.fixed(T0, ZoneOffset.UTC))
        .policyEvaluated("p", Evaluation.Verdict.PASS, 30_000);

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains(
            "ci_orchestrator_policy_evaluation_duration_seconds_bucket{policy=\"p\",le=\"2.5E-5\",} 0.0")
        .contains(
            "ci_orchestrator_policy_evaluation_duration_seconds_bucket{policy=\"p\",le=\"5.0E-5\",} 1.0");
  }

  private void recordAcrossTheRange() {
    LoopMeters loop = new LoopMeters(registry, Clock.fixed(T0, ZoneOffset.UTC));
    RunMeters runs = new RunMeters(registry, new RunEvents(), new JobSlots());
    CallbackMeters callbacks = new CallbackMeters(registry);
    QueueMeters queue = new QueueMeters(registry);
    ConfigMeters config = new ConfigMeters(registry);
    for (Duration d : SPREAD) {
      loop.passFinished("acme/app", d, false);
      loop.policyEvaluated("two-approvals", Evaluation.Verdict.PASS, d.toNanos());
      loop.changeMerged("acme/app", T0.minus(d));
      callbacks.delivered("run", d);
      queue.merged("acme/app", "main", d);
      RunKey key = RunKey.forChange("acme/app", 7, "a".repeat(40), "build", 1);
      RunRecord queued =
          new RunRecord(
              key, RunState.PENDING, Trigger.PULL_REQUEST, "alice", "", "", "", T0, null, null, "");
      RunRecord running = queued.withState(RunState.RUNNING, T0.plus(d), "");
      runs.changed(running);
      runs.changed(running.withState(RunState.SUCCESS, T0.plus(d).plus(d), ""));
    }
    config.timed((rev, files) -> null).load("a".repeat(40), List.of());
  }

  /** Bucket lines per metric and tag set (the {@code le} tag left out). */
  private static Map<String, Integer> bucketsPerSeries(String scrape) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String line : scrape.split("\n")) {
      Matcher m = BUCKET.matcher(line);
      if (m.find()) {
        counts.merge(m.group(1) + "{" + m.group(2) + "}", 1, Integer::sum);
      }
    }
    return counts;
  }
}
