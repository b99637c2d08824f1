package dev.ciorchestrator.policy.cel;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Bindings.JobView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small, complete set of variables for the engine's warm-up evaluation. */
final class WarmUpBindings {
  static final Bindings SAMPLE =
      Bindings.of(
          new Change(
              "demo/warm-up",
              1,
              "warm up",
              "alice",
              false,
              List.of("lgtm"),
              List.of("bob"),
              "main",
              "",
              "topic",
              "",
              List.of("docs/readme.md", "main.go"),
              true,
              Instant.EPOCH,
              Instant.EPOCH),
          Map.of("build", new JobView(JobStatus.SUCCESS, true)),
          "demo/warm-up",
          "main",
          Instant.EPOCH.plusSeconds(60));

  private WarmUpBindings() {}
}
