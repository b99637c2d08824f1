package dev.ciorchestrator.executor.local;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.config.model.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Jobs as the config loader would make them, with only what a run uses set. */
public final class Jobs {
  private Jobs() {}

  public static Job job(
      String name, String script, int maxConcurrency, Duration timeout, Map<String, String> env) {
    return new Job(
        name,
        List.of("demo/app"),
        new Job.Triggers(null, null, null, "/test " + name),
        null,
        true,
        "",
        script,
        env,
        timeout,
        maxConcurrency,
        Job.Resources.NONE,
        0,
        null,
        List.of(),
        SourcePosition.ofFile("jobs.yaml"));
  }

  /** {@code job} with {@code needs} and {@code artifacts}. */
  public static Job withPipeline(Job j, Pipeline pipeline) {
    return with(j, j.quality(), pipeline);
  }

  /** {@code job} with {@code tier}, {@code reports} and {@code caches}. */
  public static Job withQuality(Job j, JobQuality quality) {
    return with(j, quality, j.pipeline());
  }

  private static Job with(Job j, JobQuality quality, Pipeline pipeline) {
    return new Job(
        j.name(),
        j.repos(),
        j.triggers(),
        j.when(),
        j.required(),
        j.image(),
        j.run(),
        j.env(),
        j.timeout(),
        j.maxConcurrency(),
        j.resources(),
        j.retries(),
        j.executor(),
        j.callbacks(),
        quality,
        pipeline,
        j.source(),
        j.recipe());
  }

  public static Job job(String name, String script) {
    return job(name, script, 0, Duration.ofSeconds(30), Map.of());
  }
}
