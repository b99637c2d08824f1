package dev.ciorchestrator.upload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One chunk into {@code upload_chunks}, in the caller's transaction, with the checks {@link
 * RunUploads} makes on disk: the run's row locked first (its writers queue, on any replica), then
 * refused if the upload finished, if the path clashes with one uploaded before, if the offset skips
 * bytes, or if the run's files (or its log) would exceed the quota. A chunk at an offset already
 * taken replaces everything from there on, as an overwrite with truncation does on disk.
 */
final class ChunkWrite {
  private final Connection c;
  private final String runId;
  private final String path; // "" is the log
  private final long quota;

  ChunkWrite(Connection c, String runId, String path, long quota) {
    this.c = c;
    this.runId = runId;
    this.path = path;
    this.quota = quota;
  }

  void write(long offset, byte[] chunk) throws SQLException, UploadRefused {
    lockRun();
    boolean log = path.isEmpty();
    if (!log && clashes()) {
      throw UploadPaths.clash(path);
    }
    long size = sum("path = ?", path);
    if (offset < 0 || offset > size) {
      throw new UploadRefused(
          409,
          "offset %d does not continue %s, which has %d bytes"
              .formatted(offset, log ? "the log" : path, size),
          "offset");
    }
    long before = log ? size : sum("path <> ?", "");
    if (before - (size - offset) + chunk.length > quota) {
      throw new UploadRefused(
          413,
          "run %s: %s makes its upload larger than ci.artifacts.max-run-size (%d bytes)"
              .formatted(runId, log ? "the log" : path, quota),
          "");
    }
    cut(offset);
    insert(offset, chunk);
  }

  private void lockRun() throws SQLException, UploadRefused {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO upload_runs (run_id) VALUES (?) ON CONFLICT (run_id) DO NOTHING")) {
      s.setString(1, runId);
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT done_exit_code IS NOT NULL FROM upload_runs WHERE run_id = ? FOR UPDATE")) {
      s.setString(1, runId);
      try (ResultSet row = s.executeQuery()) {
        if (row.next() && row.getBoolean(1)) {
          throw new UploadRefused(
              409, "run " + runId + ": its upload was already finished; nothing more is taken", "");
        }
      }
    }
  }

  /** A file uploaded before at a folder of this path ({@code a} for {@code a/b}), or under it. */
  private boolean clashes() throws SQLException {
    List<String> folders = new ArrayList<>();
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      folders.add(path.substring(0, slash));
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM upload_chunks WHERE run_id = ? AND path <> ''"
                + " AND (path = ANY (?) OR starts_with(path, ?)) LIMIT 1")) {
      s.setString(1, runId);
      s.setArray(2, c.createArrayOf("text", folders.toArray()));
      s.setString(3, path + "/");
      try (ResultSet row = s.executeQuery()) {
        return row.next();
      }
    }
  }

  private long sum(String where, String value) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT coalesce(sum(size), 0) FROM upload_chunks WHERE run_id = ? AND " + where)) {
      s.setString(1, runId);
      s.setString(2, value);
      try (ResultSet row = s.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** Drops what lies at or after {@code offset}: the chunk written there replaces it. */
  private void cut(long offset) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM upload_chunks WHERE run_id = ? AND path = ? AND offset_bytes >= ?")) {
      s.setString(1, runId);
      s.setString(2, path);
      s.setLong(3, offset);
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE upload_chunks SET data = substring(data FROM 1 FOR (? - offset_bytes)::int),"
                + " size = (? - offset_bytes)::int WHERE run_id = ? AND path = ?"
                + " AND offset_bytes < ? AND offset_bytes + size > ?")) {
      s.setLong(1, offset);
      s.setLong(2, offset);
      s.setString(3, runId);
      s.setString(4, path);
      s.setLong(5, offset);
      s.setLong(6, offset);
      s.executeUpdate();
    }
  }

  private void insert(long offset, byte[] chunk) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO upload_chunks (run_id, path, offset_bytes, size, data)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, runId);
      s.setString(2, path);
      s.setLong(3, offset);
      s.setInt(4, chunk.length);
      s.setBytes(5, chunk);
      s.executeUpdate();
    }
  }
}
