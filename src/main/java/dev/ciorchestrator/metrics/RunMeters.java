package dev.ciorchestrator.metrics;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.RunListener;
import dev.ciorchestrator.executor.process.JobSlots;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Run meters, fed by the executor's {@link RunEvents}. A run counts as started when it reaches
 * {@code running}, and as finished when it reaches any terminal state, so {@code started} and
 * {@code finished} differ by the runs that ended without running (aborted while queued, lost in a
 * restart). Only runs seen running here get a duration: for the others the record's start time is
 * the time they ended, or lies before a restart.
 */
@ApplicationScoped
@Startup
public class RunMeters implements RunListener {
  static final String STARTED = "ci_orchestrator.runs.started";
  static final String FINISHED = "ci_orchestrator.runs.finished";
  static final String DURATION = "ci_orchestrator.run.duration";
  static final String QUEUE = "ci_orchestrator.run.queue";
  static final String SLOTS_IN_USE = "ci_orchestrator.executor.slots.in_use";

  private final MeterRegistry registry;
  private final RunEvents events;
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  @Inject
  public RunMeters(MeterRegistry registry, RunEvents events, JobSlots slots) {
    this.registry = registry;
    this.events = events;
    Gauge.builder(SLOTS_IN_USE, slots, JobSlots::running)
        .description("Executor slots held by running jobs")
        .register(registry);
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
    Tags repoJob = Tags.of("repo", run.key().repo(), "job", run.key().job());
    Tags triggered = repoJob.and("trigger", run.trigger().wire());
    if (run.state() == RunState.RUNNING) {
      Counter.builder(STARTED)
          .description("Runs that reached running")
          .tags(triggered)
          .register(registry)
          .increment();
      timer(QUEUE, "Time from queued to running", repoJob)
          .record(nonNegative(run.queuedAt(), run.startedAt()));
      running.add(run.id());
    } else if (run.state().terminal()) {
      String result = run.state().wire();
      Counter.builder(FINISHED)
          .description("Runs that reached a terminal state")
          .tags(triggered.and("result", result))
          .register(registry)
          .increment();
      if (running.remove(run.id()) && run.startedAt() != null) {
        timer(DURATION, "Time from running to finished", repoJob.and("result", result))
            .record(nonNegative(run.startedAt(), run.finishedAt()));
      }
    }
  }

  private Timer timer(String name, String description, Tags tags) {
    return Buckets.RUNS
        .on(Timer.builder(name).description(description).tags(tags))
        .register(registry);
  }

  // a clock step must not make a negative sample
  private static Duration nonNegative(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
