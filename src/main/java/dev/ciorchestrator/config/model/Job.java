package dev.ciorchestrator.config.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code kind: Job}. Defaults are already applied: {@code command} is {@code /test <name>} unless
 * set, {@code required} is true for jobs with a pull-request trigger unless set, a job without any
 * trigger has a pull-request trigger for every branch and path.
 *
 * @param repos repository names or globs
 * @param when optional CEL bool source text; null when absent
 * @param maxConcurrency 0 means unlimited
 * @param executor where its runs execute; null when absent (the deployment's default)
 * @param callbacks where to report this job's finished runs, besides the repository's callbacks
 * @param quality its {@code tier}, {@code reports} and {@code caches}
 * @param recipe the recipe it {@code uses:} ({@code go/test}), already expanded into its fields;
 *     null for a job written out in full
 * @param pipeline the jobs it needs and the artifacts it collects
 */
public record Job(
    String name,
    List<String> repos,
    Triggers triggers,
    String when,
    boolean required,
    String image,
    String run,
    Map<String, String> env,
    Duration timeout,
    int maxConcurrency,
    Resources resources,
    int retries,
    ExecutorKind executor,
    List<Callback> callbacks,
    JobQuality quality,
    Pipeline pipeline,
    SourcePosition source,
    String recipe) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

  public Job {
    repos = List.copyOf(repos);
    env = Map.copyOf(env);
    callbacks = List.copyOf(callbacks);
    quality = quality == null ? JobQuality.NONE : quality;
    pipeline = pipeline == null ? Pipeline.NONE : pipeline;
  }

  /**
   * A job written out in full (no recipe), outside any pipeline, collecting nothing, without {@code
   * tier}, {@code reports} or {@code caches}.
   */
  public Job(
      String name,
      List<String> repos,
      Triggers triggers,
      String when,
      boolean required,
      String image,
      String run,
      Map<String, String> env,
      Duration timeout,
      int maxConcurrency,
      Resources resources,
      int retries,
      ExecutorKind executor,
      List<Callback> callbacks,
      SourcePosition source) {
    this(
        name,
        repos,
        triggers,
        when,
        required,
        image,
        run,
        env,
        timeout,
        maxConcurrency,
        resources,
        retries,
        executor,
        callbacks,
        JobQuality.NONE,
        Pipeline.NONE,
        source,
        null);
  }

  /** The jobs this one needs, by name. */
  public List<String> needs() {
    return pipeline.needNames();
  }

  /** The job's triggers; absent triggers are null. */
  public record Triggers(
      PullRequestTrigger pullRequest, PushTrigger push, ScheduleTrigger schedule, String command) {}

  /** Empty {@code branches} means every target branch; empty {@code paths} means every file. */
  public record PullRequestTrigger(
      List<String> branches, List<String> paths, List<String> pathsIgnore) {
    public PullRequestTrigger {
      branches = List.copyOf(branches);
      paths = List.copyOf(paths);
      pathsIgnore = List.copyOf(pathsIgnore);
    }
  }

  public record PushTrigger(List<String> branches) {
    public PushTrigger {
      branches = List.copyOf(branches);
    }
  }

  /** A five-field Unix cron expression, in UTC. */
  public record ScheduleTrigger(String cron) {}

  /**
   * Kubernetes quantities as written ({@code "1"}, {@code 500m}, {@code 1Gi}); empty when unset.
   */
  public record Resources(String cpu, String memory) {
    public static final Resources NONE = new Resources("", "");
  }
}
