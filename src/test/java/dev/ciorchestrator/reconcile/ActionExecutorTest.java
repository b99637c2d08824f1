package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.HEAD;
import static dev.ciorchestrator.reconcile.Fixture.NOW;
import static dev.ciorchestrator.reconcile.Fixture.REPO;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.MergeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of action is carried out here, merges included, and what was done is told. */
class ActionExecutorTest {
  private final MemoryRunStore store = new MemoryRunStore();
  private final FakeForge forge = new FakeForge();
  private final ActionExecutor actions =
      new ActionExecutor(store, new FakeExecutor(store), Clock.fixed(NOW, ZoneOffset.UTC));
  private final ActionExecutor.Target target =
      new ActionExecutor.Target(config().build(), forge, REPO, null, Path.of("/x"));

  @Test
  void everyForgeWriteIsCarriedOutInOrderAndTheMergeAnswers() throws IOException {
    forge.open(change().state());
    Action.Merge merge = new Action.Merge(REPO, 12, HEAD, MergeMethod.SQUASH, "gate passed");
    List<Action> plan =
        List.of(
            new Action.SetStatus(
                REPO,
                HEAD,
                new CommitStatus(Names.GATE_CONTEXT, CommitStatus.State.SUCCESS, "passed", ""),
                "the commit has no such status yet"),
            new Action.RequireOkToTest(REPO, 12, "author is not trusted"),
            new Action.SetLabel(REPO, 12, "queued", true, "the report wants it on"),
            new Action.UpsertSummary(REPO, 12, "summary", "the change has no summary yet"),
            new Action.AcknowledgeRequest(
                REPO,
                12,
                new Answer(
                    "req-1",
                    "/test go-test",
                    "alice",
                    NOW,
                    Answer.Outcome.DONE,
                    "started go-test")),
            new Action.Comment(REPO, 12, "k", "Not merged: conflict", "refused"),
            merge);

    ActionExecutor.Executed done = actions.execute(plan, target);

    assertThat(forge.writes)
        .containsExactly(
            "status ci/gate=success",
            "label +" + Names.NEEDS_OK_TO_TEST_LABEL,
            "label +queued",
            "summary #12",
            "ack req-1",
            "note #12 k",
            "merge #12 squash");
    assertThat(done.done()).isEqualTo(plan);
    assertThat(done.merges()).containsOnlyKeys(merge);
    assertThat(done.merges().get(merge).merged()).isTrue();
  }

  @Test
  void aRefusedMergeIsAnAnswerNotAFailure() throws IOException {
    forge.open(change().state());
    forge.nextMerge = MergeResult.refused("head moved");
    Action.Merge merge = new Action.Merge(REPO, 12, HEAD, MergeMethod.MERGE, "gate passed");

    ActionExecutor.Executed done = actions.execute(List.of(merge), target);

    assertThat(done.merges().get(merge).reason()).isEqualTo("head moved");
  }

  @Test
  void theFirstFailureStopsTheRest() {
    FakeForge down =
        new FakeForge() {
          @Override
          public void comment(String repo, long change, String key, String body) {
            // FakeForge's writes declare no IOException; the executor stops at either kind
            throw new UncheckedIOException(new IOException("forge unreachable"));
          }
        };
    down.open(change().state());
    ActionExecutor.Target at =
        new ActionExecutor.Target(config().build(), down, REPO, null, Path.of("/x"));
    List<Action> plan =
        List.of(
            new Action.SetLabel(REPO, 12, "queued", true, "the report wants it on"),
            new Action.Comment(REPO, 12, "k", "Not merged: conflict", "refused"),
            new Action.UpsertSummary(REPO, 12, "summary", "changed"));

    assertThatThrownBy(() -> actions.execute(plan, at)).hasRootCauseMessage("forge unreachable");
    assertThat(down.writes).containsExactly("label +queued");
  }
}
