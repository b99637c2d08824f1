package dev.ciorchestrator.run.postgres;

import dev.ciorchestrator.run.LogTail;
import dev.ciorchestrator.run.RunLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;

/**
 * Logs in PostgreSQL as chunks of at most {@link #CHUNK} bytes, so any replica reads (and follows)
 * a run's log while the replica that runs it appends. A log is bounded: what would pass {@code
 * maxBytes} is dropped, and one line saying so ends the log instead, so a job printing forever
 * cannot fill the database.
 */
public final class PostgresRunLogs implements RunLogs {
  static final int CHUNK = 64 * 1024;

  private final DataSource db;
  private final long maxBytes;

  public PostgresRunLogs(DataSource db, long maxBytes) {
    this.db = db;
    this.maxBytes = maxBytes;
  }

  /** The line that ends a log cut at {@code max} bytes. */
  static byte[] marker(long max) {
    return ("\n[ci-orchestrator: log truncated: it passed the limit of " + max + " bytes]\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void append(String runId, byte[] bytes) throws IOException {
    PostgresRunStore.checkId(runId);
    if (bytes.length == 0) {
      return;
    }
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        appendLocked(c, runId, bytes);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw PostgresRunStore.failed("appending to the log of " + runId, e);
    }
  }

  /** Appends under the row lock of the log's head, so concurrent appends never interleave. */
  private void appendLocked(Connection c, String runId, byte[] bytes) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO log_heads (run_id, size) VALUES (?, 0) ON CONFLICT DO NOTHING")) {
      s.setString(1, runId);
      s.executeUpdate();
    }
    long size;
    try (PreparedStatement s =
        c.prepareStatement("SELECT size, truncated FROM log_heads WHERE run_id = ? FOR UPDATE")) {
      s.setString(1, runId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        if (r.getBoolean(2)) {
          return; // cut already: the marker is the end
        }
        size = r.getLong(1);
      }
    }
    byte[] marker = marker(maxBytes);
    long room = maxBytes - size;
    boolean cut = bytes.length > room;
    byte[] kept = bytes;
    if (cut) {
      int fits = (int) Math.max(0, room);
      kept = Arrays.copyOf(bytes, LogTail.completeLength(bytes, fits));
    }
    long end = insert(c, runId, size, kept);
    if (cut) {
      end = insert(c, runId, end, marker);
    }
    try (PreparedStatement s =
        c.prepareStatement("UPDATE log_heads SET size = ?, truncated = ? WHERE run_id = ?")) {
      s.setLong(1, end);
      s.setBoolean(2, cut);
      s.setString(3, runId);
      s.executeUpdate();
    }
  }

  private static long insert(Connection c, String runId, long offset, byte[] bytes)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO log_chunks (run_id, start_offset, data) VALUES (?, ?, ?)")) {
      long at = offset;
      for (int from = 0; from < bytes.length; from += CHUNK) {
        byte[] part = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK));
        s.setString(1, runId);
        s.setLong(2, at);
        s.setBytes(3, part);
        s.addBatch();
        at += part.length;
      }
      s.executeBatch();
      return at;
    }
  }

  /**
   * How many bytes of the run's output were appended so far; once the log was cut, more than any
   * output could have, since nothing more is kept.
   */
  public long shippedBytes(String runId) throws IOException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT size, truncated FROM log_heads WHERE run_id = ?")) {
      s.setString(1, runId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return 0;
        }
        return r.getBoolean(2) ? Long.MAX_VALUE / 2 : r.getLong(1);
      }
    } catch (SQLException e) {
      throw PostgresRunStore.failed("reading the log size of " + runId, e);
    }
  }

  @Override
  public Range range(String runId, long offset, int max) throws IOException {
    PostgresRunStore.checkId(runId);
    if (offset < 0 || max < 0) {
      throw new IllegalArgumentException(
          "offset and maxBytes must be >= 0: " + offset + ", " + max);
    }
    // one statement sees one snapshot: the size and the chunks agree, so atEnd is never early
    String sql =
        "SELECT h.size, c.start_offset, c.data FROM log_heads h LEFT JOIN log_chunks c"
            + " ON c.run_id = h.run_id AND c.start_offset > ? AND c.start_offset < ?"
            + " WHERE h.run_id = ? ORDER BY c.start_offset";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long size = 0;
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, offset - CHUNK);
      s.setLong(2, offset + max);
      s.setString(3, runId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          size = r.getLong(1);
          byte[] data = r.getBytes(3);
          if (data != null) {
            long start = r.getLong(2);
            long from = Math.max(offset, start) - start;
            long to = Math.min(data.length, offset + max - start);
            if (from < to && start + from == offset + out.size()) {
              out.write(data, (int) from, (int) (to - from));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw PostgresRunStore.failed("reading the log of " + runId, e);
    }
    return new Range(out.toByteArray(), size);
  }
}
