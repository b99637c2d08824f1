package dev.ciorchestrator.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.postgres.PostgresRunStore;
import dev.ciorchestrator.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staging contract against a real PostgreSQL server, a new database per test (each staging
 * writes its runs out in a folder of its own, as two replicas do), and what only a shared staging
 * has: a replica that does not lead is refused, and a new leader sweeps the uploads of runs that
 * ended.
 */
class PostgresUploadStagingTest extends UploadStagingContract {
  private static PostgresServer server;
  @TempDir Path tmp;
  private DataSource db;
  private int replicas;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.shared();
  }

  @Override
  protected UploadStaging fresh(WriteFence fence) throws Exception {
    db = PostgresServer.dataSource(server.newDatabase());
    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    return another(fence);
  }

  @Override
  protected UploadStaging another(WriteFence fence) {
    return new PostgresUploadStaging(db, fence, tmp.resolve("replica-" + ++replicas), QUOTA);
  }

  @Test
  void aReplicaThatDoesNotLeadNeitherStagesNorTakesInNorDeletes() throws Exception {
    UploadStaging leader = fresh(WriteFence.open());
    leader.append(RUN, "a", 0, bytes("abc"));
    UploadStaging follower = another(WriteFence.closed());

    assertThatThrownBy(() -> follower.append(RUN, "a", 3, bytes("d")))
        .isInstanceOf(WriteFence.NotLeading.class);
    assertThatThrownBy(() -> follower.finish(RUN, new StagedRun.Done(0, "")))
        .isInstanceOf(WriteFence.NotLeading.class);
    assertThatThrownBy(() -> follower.staged(RUN)).isInstanceOf(WriteFence.NotLeading.class);
    assertThatThrownBy(() -> follower.delete(RUN)).isInstanceOf(WriteFence.NotLeading.class);

    StagedRun staged = leader.staged(RUN);
    assertThat(read(staged, "a")).isEqualTo("abc");
    assertThat(staged.done()).isEmpty();
  }

  @Test
  void aNewLeaderSweepsTheUploadsOfRunsThatEndedOrAreGone() throws Exception {
    PostgresUploadStaging staging = (PostgresUploadStaging) fresh(WriteFence.open());
    PostgresRunStore runs = new PostgresRunStore(db);
    Instant t0 = Instant.parse("2026-12-03T12:00:00Z");
    RunRecord running =
        TestRuns.pending(RunKey.forChange("demo/app", 1, "a".repeat(40), "build", 1), t0);
    RunRecord ended =
        TestRuns.pending(RunKey.forChange("demo/app", 2, "b".repeat(40), "build", 1), t0);
    runs.create(running);
    runs.create(ended);
    runs.update(ended.withState(RunState.RUNNING, t0, "").withState(RunState.SUCCESS, t0, ""));
    for (String id : new String[] {running.id(), ended.id(), "r-gone"}) {
      staging.append(id, "a", 0, bytes(id));
    }
    Path written = staging.staged(ended.id()).workspace();

    assertThat(staging.sweep()).containsExactlyInAnyOrder(ended.id(), "r-gone");
    assertThat(read(staging.staged(running.id()), "a")).isEqualTo(running.id());
    assertThat(written).doesNotExist();
    assertThat(chunkRows()).isEqualTo(1);
    assertThat(staging.sweep()).isEmpty();
  }

  private long chunkRows() throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM upload_chunks")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void aRunWrittenOutAgainStartsFromAnEmptyFolder() throws Exception {
    UploadStaging staging = fresh(WriteFence.open());
    staging.append(RUN, "a", 0, bytes("abc"));
    Path left = staging.staged(RUN).workspace().resolve("left-over");
    Files.writeString(left, "from an earlier take-in");

    assertThat(staging.staged(RUN).workspace().resolve("left-over")).doesNotExist();
  }
}
