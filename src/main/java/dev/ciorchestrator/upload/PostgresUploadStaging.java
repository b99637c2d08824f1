package dev.ciorchestrator.upload;

import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@link UploadStaging} in the shared PostgreSQL store (tables {@code upload_runs} and {@code
 * upload_chunks}, migration {@code V6__upload_staging.sql}): chunks are rows, so the replica that
 * leads after a failover finds every chunk and the {@code done} the last leader accepted, and the
 * pod's sidecar simply continues at the offset it was at (a follower forwards its requests to the
 * leader, or answers 503 while none is known, and the sidecar retries). Rows go when the run's end
 * is recorded; {@link #sweep} removes those a leader that died in between left behind.
 *
 * <p>Why the database and not a re-send by the sidecar to the new leader: a pod that finished its
 * upload is gone with its files, so only what the store kept survives a failover after the upload;
 * and this is where Tekton Results and Argo's workflow archive keep such state too.
 *
 * <p>Only the leader stages and takes in (the {@link WriteFence}, as for run records): an accepted
 * chunk is then always seen by the replica that decides the run, and a deposed leader neither takes
 * a run's uploads in nor deletes them from under the next one, so they are taken in once. Each
 * run's writes queue on its {@code upload_runs} row, so the size and quota checks hold across
 * replicas.
 */
public final class PostgresUploadStaging implements UploadStaging {
  private static final String LOG = ""; // the log's path: never a workspace path

  private final DataSource db;
  private final WriteFence fence;
  private final Path scratch;
  private final long quota;

  /**
   * @param scratch where a run's uploads are written out for its take-in, {@code
   *     <scratch>/<runId>/}, on this replica's disk
   */
  public PostgresUploadStaging(DataSource db, WriteFence fence, Path scratch, long quota) {
    this.db = db;
    this.fence = fence;
    this.scratch = scratch;
    this.quota = quota;
  }

  @Override
  public long quota() {
    return quota;
  }

  @Override
  public void append(String runId, String path, long offset, byte[] chunk)
      throws UploadRefused, IOException {
    UploadPaths.runId(runId);
    if (path != null) {
      UploadPaths.under(Path.of("/workspace"), path); // refuses it as the file staging does
    }
    fence.check("staging an upload of run " + runId);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        new ChunkWrite(c, runId, path == null ? LOG : path, quota).write(offset, chunk);
        c.commit();
      } catch (SQLException | UploadRefused | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("staging an upload of run " + runId, e);
    }
  }

  @Override
  public void finish(String runId, StagedRun.Done done) throws UploadRefused, IOException {
    UploadPaths.runId(runId);
    fence.check("finishing the upload of run " + runId);
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO upload_runs (run_id, done_exit_code, done_refused, done_modes)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET done_exit_code ="
                    + " EXCLUDED.done_exit_code, done_refused = EXCLUDED.done_refused,"
                    + " done_modes = EXCLUDED.done_modes")) {
      s.setString(1, runId);
      s.setInt(2, done.exitCode());
      s.setString(3, done.refused());
      s.setString(4, ModesJson.write(done.modes()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw failed("finishing the upload of run " + runId, e);
    }
  }

  @Override
  public StagedRun staged(String runId) throws IOException {
    fence.check("taking in the uploads of run " + runId);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false); // a cursor: chunks are read a few at a time, never the run at once
      try {
        return new StagedFiles(c, scratch.resolve(UploadPaths.runId(runId))).write(runId);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw failed("reading the uploads of run " + runId, e);
    } catch (UploadRefused e) {
      throw new IOException("run " + runId + ": a staged path is refused: " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(String runId) throws IOException {
    StagedFiles.clear(scratch.resolve(runId));
    fence.check("deleting the uploads of run " + runId);
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("DELETE FROM upload_runs WHERE run_id = ?")) {
      s.setString(1, runId);
      s.executeUpdate(); // its chunks go with it (ON DELETE CASCADE)
    } catch (SQLException e) {
      throw failed("deleting the uploads of run " + runId, e);
    }
  }

  /**
   * Deletes the uploads of runs that ended, or no longer exist: what a leader that died between
   * recording a run's end and deleting its uploads left. Run by each new leader.
   *
   * @return the runs whose uploads went
   */
  public List<String> sweep() throws IOException {
    fence.check("sweeping staged uploads");
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM upload_runs u WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.id ="
                    + " u.run_id AND r.state IN ('PENDING', 'RUNNING')) RETURNING run_id");
        ResultSet rows = s.executeQuery()) {
      List<String> gone = new ArrayList<>();
      while (rows.next()) {
        gone.add(rows.getString(1));
      }
      for (String runId : gone) {
        StagedFiles.clear(scratch.resolve(runId));
      }
      return List.copyOf(gone);
    } catch (SQLException e) {
      throw failed("sweeping staged uploads", e);
    }
  }

  static IOException failed(String what, SQLException e) {
    return new IOException(what + " in PostgreSQL failed: " + e.getMessage(), e);
  }
}
