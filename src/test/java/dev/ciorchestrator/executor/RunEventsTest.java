package dev.ciorchestrator.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunEventsTest {
  static final RunRecord RUN =
      new RunRecord(
          RunKey.forChange("demo/app", 1, "abc", "unit", 1),
          RunState.RUNNING,
          Trigger.PULL_REQUEST,
          "",
          "",
          "",
          "",
          Instant.EPOCH,
          null,
          null,
          "");

  @Test
  void everyRegisteredListenerHearsAChangeEvenIfOneFails() {
    RunEvents events = new RunEvents();
    List<String> heard = new ArrayList<>();
    events.register(
        run -> {
          throw new IllegalStateException("broken");
        });
    RunListener second = run -> heard.add(run.id());
    events.register(second);

    events.changed(RUN);
    events.unregister(second);
    events.changed(RUN);

    assertThat(heard).containsExactly(RUN.id());
  }
}
