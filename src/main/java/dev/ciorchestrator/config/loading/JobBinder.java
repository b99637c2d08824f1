package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.ExecutorKind;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.validation.Names;
import dev.ciorchestrator.policy.ResultType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code kind: Job}, with the defaults documented on {@link Job}. */
final class JobBinder {
  static final List<String> FIELDS =
      List.of(
          "apiVersion",
          "kind",
          "name",
          "repos",
          "triggers",
          "when",
          "required",
          "image",
          "run",
          "env",
          "timeout",
          "maxConcurrency",
          "resources",
          "retries",
          "executor",
          "callbacks",
          "tier",
          "reports",
          "caches",
          "uses",
          "with",
          "needs",
          "artifacts");

  static final int MAX_RETRIES = 10;

  private JobBinder() {}

  static void bind(Fields f, FileContents out) {
    f.value("with")
        .ifPresent(
            w ->
                f.problems()
                    .add(
                        w.position(),
                        "with",
                        "'with' sets the parameters of a recipe: add 'uses: <recipe>'"));
    bind(f, out, null);
  }

  /** Binds a job; {@code recipe} is the recipe already merged into {@code f}, or null. */
  static void bind(Fields f, FileContents out, String recipe) {
    int before = f.problems().count();
    String name = CommonFields.name(f, "Job", out, Names::jobOrPolicyProblem);
    List<String> repos = CommonFields.repos(f, out, List.of());
    Job.Triggers triggers = TriggersBinder.bind(f, name);
    String when = CommonFields.expression(f, "when", ResultType.BOOL, false, out);
    boolean required = f.bool("required").orElse(triggers.pullRequest() != null);
    String image = JobRuntime.image(f);
    String run = f.requiredString("run").map(Scalar::value).orElse("");
    Map<String, String> env = JobRuntime.env(f);
    Duration timeout = JobRuntime.timeout(f);
    int maxConcurrency =
        CommonFields.boundedInt(
            f, "maxConcurrency", 0, Integer.MAX_VALUE, 0, "must be 0 (unlimited) or more");
    Job.Resources resources = JobRuntime.resources(f);
    int retries =
        CommonFields.boundedInt(
            f, "retries", 0, MAX_RETRIES, 0, "must be between 0 and " + MAX_RETRIES);
    ExecutorKind executor =
        f.choice("executor", ExecutorKind.wires()).flatMap(ExecutorKind::ofWire).orElse(null);
    var callbacks = CallbackBinder.bind(f, true);
    JobQuality quality = QualityBinder.bind(f, env);
    var pipeline = PipelineBinder.bind(f, name, out);
    if (f.problems().count() == before) {
      out.jobs.add(
          new Job(
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
              quality,
              pipeline,
              f.position(),
              recipe));
    }
  }
}
