package dev.ciorchestrator.run.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.run.LogTail;
import dev.ciorchestrator.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log shipper copies a running job's log file into PostgreSQL as it grows and the rest once the
 * run ends, and continues from what the database has after a restart, never twice.
 */
class LogShipperTest {
  private static final RunKey KEY = RunKey.forChange("acme/app", 1, "abc", "unit", 1);

  @TempDir Path dir;

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  private static String text(PostgresRunLogs logs) {
    try {
      return logs.read(KEY.id(), 0, 1 << 16).text();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shipsAsTheFileGrowsTheRestAtTheEndAndNothingTwiceAfterARestart() throws Exception {
    DataSource db = PostgresStoreContractTest.migrated(PostgresServer.shared().newDatabase());
    PostgresRunLogs logs = new PostgresRunLogs(db, 1 << 20);
    Path file = dir.resolve(KEY.id() + ".log");
    RunRecord pending =
        new RunRecord(
            KEY,
            RunState.PENDING,
            Trigger.PUSH,
            "alice",
            "",
            "",
            "",
            Instant.EPOCH,
            null,
            null,
            "");
    RunRecord running = pending.withState(RunState.RUNNING, Instant.EPOCH, "");

    try (LogShipper shipper = new LogShipper(id -> dir.resolve(id + ".log"), logs).start()) {
      Files.writeString(file, "step 1\n");
      shipper.changed(running);
      await("the first line is in the database", () -> text(logs).equals("step 1\n"));
      Files.writeString(file, "step 2\n", StandardOpenOption.APPEND);
      await("the second line follows", () -> text(logs).equals("step 1\nstep 2\n"));
    }

    // a restart: a new shipper for the same run, the file grown meanwhile
    Files.writeString(file, "step 3\n", StandardOpenOption.APPEND);
    try (LogShipper shipper = new LogShipper(id -> dir.resolve(id + ".log"), logs).start()) {
      shipper.changed(running);
      Files.writeString(file, "done\n", StandardOpenOption.APPEND);
      shipper.changed(running.withState(RunState.SUCCESS, Instant.EPOCH, ""));
      await(
          "everything is shipped once", () -> text(logs).equals("step 1\nstep 2\nstep 3\ndone\n"));
    }
    LogTail.Chunk all = logs.read(KEY.id(), 0, 1 << 16);
    assertThat(all.atEnd()).isTrue();
    assertThat(all.text()).isEqualTo("step 1\nstep 2\nstep 3\ndone\n");
  }
}
