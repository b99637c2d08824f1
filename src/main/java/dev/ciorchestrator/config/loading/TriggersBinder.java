package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.validation.Crons;
import java.util.List;
import java.util.Optional;

/**
 * A job's {@code triggers}. Writing a trigger key with no value ({@code push:}) enables it for
 * every branch, as GitHub Actions users expect.
 */
final class TriggersBinder {
  static final List<String> FIELDS = List.of("pullRequest", "push", "schedule", "command");

  /** Comments the orchestrator itself answers; a job claiming one would never be reached. */
  private static final List<String> BUILT_IN =
      List.of("/test all", "/retest", "/hold", "/unhold", "/lgtm", "/approve", "/ok-to-test");

  private TriggersBinder() {}

  static Job.Triggers bind(Fields job, String name) {
    Fields t = job.nested("triggers", FIELDS);
    Job.PullRequestTrigger pullRequest = t.has("pullRequest") ? pullRequest(t) : null;
    Job.PushTrigger push =
        t.has("push")
            ? new Job.PushTrigger(
                CommonFields.globs(t.nested("push", List.of("branches")), "branches"))
            : null;
    Job.ScheduleTrigger schedule = t.has("schedule") ? schedule(t) : null;
    Optional<Scalar> command = t.string("command");
    command.ifPresent(c -> checkCommand(c, t));
    // A job without any trigger runs on every pull request; an explicit command alone makes a
    // job that runs only when asked for.
    if (pullRequest == null && push == null && schedule == null && command.isEmpty()) {
      pullRequest = new Job.PullRequestTrigger(List.of(), List.of(), List.of());
    }
    return new Job.Triggers(
        pullRequest, push, schedule, command.map(Scalar::value).orElse("/test " + name));
  }

  private static Job.PullRequestTrigger pullRequest(Fields t) {
    Fields pr = t.nested("pullRequest", List.of("branches", "paths", "pathsIgnore"));
    return new Job.PullRequestTrigger(
        CommonFields.globs(pr, "branches"),
        CommonFields.globs(pr, "paths"),
        CommonFields.globs(pr, "pathsIgnore"));
  }

  private static Job.ScheduleTrigger schedule(Fields t) {
    Fields s = t.nested("schedule", List.of("cron"));
    Optional<Scalar> cron = s.requiredString("cron");
    cron.flatMap(c -> Crons.problem(c.value()))
        .ifPresent(msg -> s.problems().add(cron.get().position(), s.path("cron"), msg));
    return new Job.ScheduleTrigger(cron.map(Scalar::value).orElse(""));
  }

  private static void checkCommand(Scalar command, Fields t) {
    String text = command.value();
    if (!text.startsWith("/") || text.contains("\n")) {
      t.problems()
          .add(
              command.position(),
              t.path("command"),
              "a command must be one line starting with '/', like /test lint");
    } else if (BUILT_IN.contains(text.strip())) {
      t.problems()
          .add(
              command.position(),
              t.path("command"),
              "'" + text.strip() + "' is a built-in command");
    }
  }
}
