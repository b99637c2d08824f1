package dev.ciorchestrator.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.TestRuns;
import java.time.Instant;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunContextTest {
  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  @SuppressWarnings("try") // a RunContext is a logging scope: opened and closed, never read
  void putsTheRunForABlockAndRestoresWhatWasThere() {
    MDC.put("repo", "outer/repo");
    try (RunContext outer = RunContext.of("run-1", "acme/app", "build")) {
      assertThat(MDC.get("run_id")).isEqualTo("run-1");
      assertThat(MDC.get("repo")).isEqualTo("acme/app");
      assertThat(MDC.get("job")).isEqualTo("build");
      try (RunContext inner = RunContext.of("run-2", "acme/app", "")) {
        assertThat(MDC.get("run_id")).isEqualTo("run-2");
        assertThat(MDC.get("job")).as("empty values are left out").isNull();
      }
      assertThat(MDC.get("run_id")).isEqualTo("run-1");
      assertThat(MDC.get("job")).isEqualTo("build");
    }
    assertThat(MDC.get("run_id")).isNull();
    assertThat(MDC.get("job")).isNull();
    assertThat(MDC.get("repo")).isEqualTo("outer/repo");
  }

  @Test
  void runListenersLogWithTheRunInTheirContext() {
    RunEvents events = new RunEvents();
    java.util.List<String> seen = new java.util.ArrayList<>();
    events.register(
        r -> seen.add(MDC.get("run_id") + " " + MDC.get("repo") + " " + MDC.get("job")));
    RunRecord run =
        TestRuns.pending(
            RunKey.forChange("acme/app", 3, "a".repeat(40), "build", 1), Instant.EPOCH);

    events.changed(run);

    assertThat(seen).containsExactly(run.id() + " acme/app build");
    assertThat(MDC.get("run_id")).isNull();
  }
}
