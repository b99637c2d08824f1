package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.LogTail;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.file.FileControllerMemory;
import dev.ciorchestrator.run.file.FileDeliveryStore;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import dev.ciorchestrator.run.postgres.PostgresControllerMemory;
import dev.ciorchestrator.run.postgres.PostgresDeliveryStore;
import dev.ciorchestrator.run.postgres.PostgresRunLogs;
import dev.ciorchestrator.run.postgres.PostgresRunStore;
import dev.ciorchestrator.run.postgres.PostgresWatermarks;
import dev.ciorchestrator.testing.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import-store}: a file store's runs, logs and watermarks into a real PostgreSQL. */
class ImportStoreCommandTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private static PostgresServer server;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.shared();
  }

  private static RunRecord run(long change, RunState state) {
    RunRecord r =
        new RunRecord(
            RunKey.forChange("acme/app", change, "abc", "unit", 1),
            RunState.PENDING,
            Trigger.PULL_REQUEST,
            "alice",
            "",
            "b",
            "r",
            T0,
            null,
            null,
            "");
    return state == RunState.PENDING ? r : r.withState(state, T0.plusSeconds(5), "done");
  }

  private int importStore(String url, ByteArrayOutputStream out) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.run(
            new String[] {"import-store", dir.toString(), "--url", url, "--user", "postgres"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    return code;
  }

  @Test
  void importsRunsLogsAndWatermarksOnceAndSaysWhatItDid() throws Exception {
    FileRunStore files = new FileRunStore(dir.resolve("runs/records"));
    RunRecord done = run(1, RunState.SUCCESS);
    RunRecord pending = run(2, RunState.PENDING);
    files.create(done);
    files.create(pending);
    Files.createDirectories(dir.resolve("runs/logs"));
    Files.writeString(dir.resolve("runs/logs").resolve(done.id() + ".log"), "built ✓\n");
    new FileWatermarks(dir.resolve("watermarks.json"))
        .save("acme/app", Map.of("main", "abc"), Map.of("nightly", T0));
    ToldAnswer told = new ToldAnswer("c5", "abc", T0, "✅ `/retest` by alice: started unit");
    MergeRefusal refusal = new MergeRefusal("abc", "b", "conflict");
    FileControllerMemory memory =
        new FileControllerMemory(dir.resolve("memory.json"), WriteFence.open());
    memory.answered("acme/app", 1, told);
    memory.refused("acme/app", 1, refusal);
    DeliveryStore.Stored queued =
        new DeliveryStore.Stored(
            "d-1",
            "run",
            URI.create("https://hooks.example/ci"),
            "ci.callbacks.secret",
            Map.of("run", Map.of("id", done.id())),
            Map.of("repo", "acme/app"),
            2,
            T0);
    new FileDeliveryStore(dir.resolve("callbacks.json"), WriteFence.open()).add(queued, 10);

    String url = server.newDatabase();
    DataSource db = PostgresServer.dataSource(url);
    ByteArrayOutputStream refused = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(
            Cli.run(
                new String[] {"import-store", dir.toString(), "--url", url, "--user", "postgres"},
                new PrintStream(refused, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)))
        .as("no schema yet")
        .isEqualTo(Cli.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no run store schema");

    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(importStore(url, out)).isEqualTo(Cli.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "imported 2 of 2 runs",
            "1 logs",
            "watermarks of 1 repositories",
            "the memory of 1 changes",
            "1 queued callbacks");
    assertThat(new PostgresRunStore(db).all()).containsExactlyInAnyOrderElementsOf(files.all());
    PostgresRunLogs logs = new PostgresRunLogs(db, 1 << 20);
    assertThat(logs.read(done.id(), 0, 1024)).isEqualTo(new LogTail.Chunk("built ✓\n", 10, true));
    PostgresWatermarks marks = new PostgresWatermarks(db);
    assertThat(marks.branches("acme/app")).contains(Map.of("main", "abc"));
    assertThat(marks.schedules("acme/app")).isEqualTo(Map.of("nightly", T0));
    PostgresControllerMemory remembered = new PostgresControllerMemory(db, WriteFence.open());
    assertThat(remembered.answers("acme/app", 1, "abc")).containsExactly(told);
    assertThat(remembered.refusal("acme/app", 1)).contains(refusal);
    assertThat(new PostgresDeliveryStore(db, WriteFence.open()).all()).containsExactly(queued);

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    assertThat(importStore(url, again)).isEqualTo(Cli.OK);
    assertThat(again.toString(StandardCharsets.UTF_8)).contains("imported 0 of 2 runs", "0 logs");
    assertThat(new PostgresDeliveryStore(db, WriteFence.open()).all()).containsExactly(queued);
    assertThat(logs.read(done.id(), 0, 1024).text()).isEqualTo("built ✓\n");
  }
}
