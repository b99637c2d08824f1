package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.report.RunLinks;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gate listener (callbacks) hears each published gate decision, at the moments the metrics
 * count it, with the change's head and the config revision that decided.
 */
class GateListenerTest {
  private final MemoryRunStore store = new MemoryRunStore();
  private final FakeExecutor executor = new FakeExecutor(store);
  private final FakeForge forge = new FakeForge();
  private final List<String> heard = new ArrayList<>();
  private final List<String> counted = new ArrayList<>();
  private final ConfigSnapshot snapshot = config().jobs("go-test").build();

  private final RepoReconciler reconciler =
      new RepoReconciler(
          Map.of("local", forge),
          store,
          executor,
          new RepoReconcilerTest.MemoryWatermarks(),
          Clock.fixed(Fixture.NOW, ZoneOffset.UTC),
          new RunLinks("http://ci"),
          Duration.ofMinutes(5),
          new LoopMetrics() {
            @Override
            public void gateDecided(String repo, GateDecision gate) {
              counted.add(repo + (gate.pass() ? " passed" : " blocked"));
            }
          },
          (change, gate, revision) ->
              heard.add(
                  change.repo()
                      + "#"
                      + change.number()
                      + "@"
                      + change.headSha()
                      + " "
                      + (gate.pass() ? "passed" : "blocked")
                      + " at "
                      + revision),
          PlanRules.DEFAULT,
          new ChangeBoard());

  private void pass() throws IOException {
    reconciler.reconcile(snapshot, snapshot.repositories().get(0));
  }

  @Test
  void hearsTheBlockedThenThePassedGateWithHeadAndRevision() throws IOException {
    forge.open(change().state());
    pass();
    pass();
    for (RunRecord r : store.all()) {
      executor.finish(r.id(), RunState.SUCCESS, "");
    }
    pass();
    pass();

    String at = "@" + Fixture.HEAD + " ";
    assertThat(heard)
        .containsExactly(
            Fixture.REPO + "#12" + at + "blocked at " + snapshot.revision(),
            Fixture.REPO + "#12" + at + "passed at " + snapshot.revision());
    assertThat(counted).hasSameSizeAs(heard);
  }
}
