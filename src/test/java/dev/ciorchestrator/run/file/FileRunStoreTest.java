package dev.ciorchestrator.run.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRunStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private static final RunKey KEY = RunKey.forChange("demo/hello-go", 7, "abc", "go-test", 1);

  @TempDir Path dir;

  private static RunRecord pending(RunKey key, String causedBy) {
    return new RunRecord(
        key, RunState.PENDING, Trigger.COMMAND, causedBy, "c42", "base", "rev", T0, null, null, "");
  }

  @Test
  void createIsCreateIfAbsentAndKeepsTheFirstRecord() throws IOException {
    FileRunStore store = new FileRunStore(dir);
    assertThat(store.create(pending(KEY, "alice"))).isTrue();
    assertThat(store.create(pending(KEY, "mallory"))).isFalse();
    assertThat(store.get(KEY.id())).map(RunRecord::causedBy).contains("alice");
  }

  @Test
  void recordsRoundTripAndSurviveANewStore() throws IOException {
    RunRecord record = pending(KEY, "alice");
    new FileRunStore(dir).create(record);
    RunRecord running = record.withState(RunState.RUNNING, T0.plusSeconds(5), "started");
    new FileRunStore(dir).update(running);

    assertThat(new FileRunStore(dir).all()).containsExactly(running);
    assertThat(running.requestId()).isEqualTo("c42");
  }

  @Test
  void theExecutorThatRanARunSurvivesANewStore() throws IOException {
    RunRecord record = pending(KEY, "alice");
    new FileRunStore(dir).create(record);
    RunRecord running =
        record.withExecutor("container").withState(RunState.RUNNING, T0.plusSeconds(5), "");
    new FileRunStore(dir).update(running);

    assertThat(new FileRunStore(dir).get(KEY.id())).map(RunRecord::executor).contains("container");
  }

  @Test
  void aRecordWrittenBeforeTheExecutorFieldIsReadWithItEmpty() throws IOException {
    new FileRunStore(dir).create(pending(KEY, "alice"));
    Path file = dir.resolve(KEY.id() + ".json");
    String json = Files.readString(file);
    assertThat(json).contains("\"executor\":\"\"");
    Files.writeString(file, json.replace(",\"executor\":\"\"", ""));

    RunRecord read = new FileRunStore(dir).get(KEY.id()).orElseThrow();

    assertThat(read.executor()).isEmpty();
    assertThat(read).isEqualTo(pending(KEY, "alice"));
  }

  @Test
  void onlyOneOfManyConcurrentCreatesWins() throws Exception {
    FileRunStore store = new FileRunStore(dir);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String who = "replica-" + i;
        calls.add(() -> store.create(pending(KEY, who)));
      }
      long created = 0;
      for (Future<Boolean> f : pool.invokeAll(calls)) {
        created += f.get() ? 1 : 0;
      }
      assertThat(created).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
    assertThat(store.all()).hasSize(1);
    try (var files = Files.list(dir)) {
      assertThat(files).as("no temporary file is left behind").hasSize(1);
    }
  }

  @Test
  void statesOnlyMoveForward() throws IOException {
    FileRunStore store = new FileRunStore(dir);
    RunRecord record = pending(KEY, "alice");
    store.create(record);
    RunRecord done = record.withState(RunState.SUCCESS, T0.plusSeconds(9), "exit 0");
    store.update(done);

    assertThatThrownBy(() -> store.update(done.withState(RunState.RUNNING, T0, "again")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("run " + KEY.id() + " cannot move from success to running");
    assertThatThrownBy(() -> store.update(pending(KEY.withAttempt(2), "bob")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no run record " + KEY.withAttempt(2).id());
  }

  @Test
  void leftoversOfACrashAreIgnoredAndDamageIsNamed() throws IOException {
    FileRunStore store = new FileRunStore(dir);
    store.create(pending(KEY, "alice"));
    Files.writeString(dir.resolve(".tmp-123.json"), "{\"half");
    assertThat(new FileRunStore(dir).all()).hasSize(1);

    // records are read once, when a store opens the folder: that is where damage shows
    Path damaged = dir.resolve(KEY.withAttempt(2).id() + ".json");
    Files.writeString(damaged, "{\"key\": ");
    assertThatThrownBy(() -> new FileRunStore(dir))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("unreadable run record " + damaged);
  }

  @Test
  void aSecondStoreOnTheSameFolderSeesRecordsAndCannotCreateThemAgain() throws IOException {
    FileRunStore first = new FileRunStore(dir);
    first.create(pending(KEY, "alice"));
    FileRunStore second = new FileRunStore(dir);

    assertThat(second.get(KEY.id())).map(RunRecord::causedBy).contains("alice");
    assertThat(second.create(pending(KEY, "mallory"))).isFalse();

    RunKey other = KEY.withAttempt(2);
    assertThat(second.create(pending(other, "bob"))).isTrue();
    assertThat(first.create(pending(other, "eve"))).as("the file is the truth").isFalse();
    assertThat(first.get(other.id())).map(RunRecord::causedBy).contains("bob");
  }

  @Test
  void unchangedRecordsKeepTheirInstanceAndRepositoriesAreIndexed() throws IOException {
    FileRunStore store = new FileRunStore(dir);
    RunRecord record = pending(KEY, "alice");
    RunKey elsewhere = RunKey.forChange("demo/hello-c", 7, "abc", "go-test", 1);
    store.create(record);
    store.create(pending(elsewhere, "bob"));

    assertThat(store.all().get(0)).isSameAs(store.all().get(0));
    assertThat(store.forRepo("demo/hello-go")).singleElement().isSameAs(record);
    assertThat(store.forRepo("demo/hello-c"))
        .extracting(RunRecord::id)
        .containsExactly(elsewhere.id());
    assertThat(store.forRepo("demo/none")).isEmpty();

    RunRecord running = record.withState(RunState.RUNNING, T0.plusSeconds(1), "");
    store.update(running);
    assertThat(store.forRepo("demo/hello-go")).singleElement().isSameAs(running);
    assertThat(store.get(KEY.id())).containsSame(running);
  }

  @Test
  void refusesAnIdThatIsNotARunId() throws IOException {
    FileRunStore store = new FileRunStore(dir);
    assertThatThrownBy(() -> store.get("../escape"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a run id: ../escape");
  }
}
