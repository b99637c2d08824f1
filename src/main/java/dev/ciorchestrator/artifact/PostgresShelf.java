package dev.ciorchestrator.artifact;

import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The shelf shared by the replicas ({@code V8__artifact_store.sql}): manifests and content in
 * PostgreSQL, content in chunks of at most {@link #CHUNK} bytes, streamed both ways (never a whole
 * file in memory). Only the leader writes (the {@link WriteFence}); any replica reads, so a
 * download or a downstream job finds what a replica that no longer leads collected.
 */
public final class PostgresShelf implements ArtifactShelf {
  static final int CHUNK = 1024 * 1024;

  private final DataSource db;
  private final WriteFence fence;
  private final Clock clock;

  public PostgresShelf(DataSource db, WriteFence fence, Clock clock) {
    this.db = db;
    this.fence = fence;
    this.clock = clock;
  }

  @Override
  public Optional<Manifest> manifest(String runId) throws IOException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT manifest FROM artifact_runs WHERE run_id = ?")) {
      s.setString(1, runId);
      try (ResultSet row = s.executeQuery()) {
        return row.next()
            ? Optional.of(DiskShelf.JSON.readValue(row.getString(1), Manifest.class))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("reading the artifacts of run " + runId, e);
    }
  }

  @Override
  public void write(Manifest manifest) throws IOException {
    fence.check("recording the artifacts of run " + manifest.runId());
    Set<String> named = new HashSet<>();
    manifest.files().forEach(e -> named.add(e.sha256()));
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        requireKept(c, named, manifest.runId());
        upsert(c, manifest);
        try (PreparedStatement s =
            c.prepareStatement("DELETE FROM artifact_refs WHERE run_id = ?")) {
          s.setString(1, manifest.runId());
          s.executeUpdate();
        }
        try (PreparedStatement s =
            c.prepareStatement("INSERT INTO artifact_refs (run_id, digest) VALUES (?, ?)")) {
          for (String hex : named) {
            s.setString(1, manifest.runId());
            s.setString(2, hex);
            s.addBatch();
          }
          s.executeBatch();
        }
        c.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("recording the artifacts of run " + manifest.runId(), e);
    }
  }

  /** Locks the named content against expiry until the manifest is in, or says what went. */
  private static void requireKept(Connection c, Set<String> named, String runId)
      throws SQLException, ArtifactException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT count(*) FROM (SELECT 1 FROM artifact_blobs WHERE digest = ANY (?) FOR SHARE) k")) {
      Array hexes = c.createArrayOf("text", named.toArray());
      s.setArray(1, hexes);
      try (ResultSet row = s.executeQuery()) {
        row.next();
        if (row.getInt(1) != named.size()) {
          throw new ArtifactException(
              "artifacts: run %s: content it collected was expired meanwhile; nothing is recorded"
                  .formatted(runId));
        }
      }
    }
  }

  private static void upsert(Connection c, Manifest manifest) throws SQLException, IOException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO artifact_runs (run_id, collected_at, published, manifest)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET collected_at ="
                + " EXCLUDED.collected_at, published = EXCLUDED.published,"
                + " manifest = EXCLUDED.manifest")) {
      s.setString(1, manifest.runId());
      s.setTimestamp(2, Timestamp.from(manifest.collectedAt()));
      s.setBoolean(3, manifest.published());
      s.setString(4, DiskShelf.JSON.writeValueAsString(manifest));
      s.executeUpdate();
    }
  }

  @Override
  public long storedBytes() throws IOException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT coalesce(sum(size), 0) FROM artifact_blobs");
        ResultSet row = s.executeQuery()) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw failed("counting the stored artifacts", e);
    }
  }

  @Override
  public boolean touch(String hex) throws IOException {
    fence.check("keeping artifact content");
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("UPDATE artifact_blobs SET touched_at = ? WHERE digest = ?")) {
      s.setTimestamp(1, Timestamp.from(clock.instant()));
      s.setString(2, hex);
      return s.executeUpdate() > 0;
    } catch (SQLException e) {
      throw failed("looking up artifact content " + hex, e);
    }
  }

  @Override
  public boolean keep(String hex, Path file, long size) throws IOException {
    fence.check("keeping artifact content");
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        boolean added = claim(c, hex, size);
        if (added) {
          insertChunks(c, hex, file);
        }
        c.commit();
        return added;
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("storing artifact content " + hex, e);
    }
  }

  /** The content's row, new or touched; a concurrent keeper of the same content waits here. */
  private boolean claim(Connection c, String hex, long size) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO artifact_blobs (digest, size, touched_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (digest) DO UPDATE SET touched_at = EXCLUDED.touched_at"
                + " RETURNING (xmax = 0)")) {
      s.setString(1, hex);
      s.setLong(2, size);
      s.setTimestamp(3, Timestamp.from(clock.instant()));
      try (ResultSet row = s.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  private static void insertChunks(Connection c, String hex, Path file)
      throws SQLException, IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO artifact_chunks (digest, seq, data) VALUES (?, ?, ?)")) {
      int seq = 0;
      byte[] chunk;
      do {
        chunk = in.readNBytes(CHUNK);
        if (chunk.length > 0 || seq == 0) { // an empty file is one empty chunk
          s.setString(1, hex);
          s.setInt(2, seq++);
          s.setBytes(3, chunk);
          s.executeUpdate();
        }
      } while (chunk.length == CHUNK);
    }
  }

  @Override
  public void drop(Map<String, Long> added) throws IOException {
    if (added.isEmpty()) {
      return;
    }
    fence.check("dropping artifact content");
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM artifact_blobs b WHERE digest = ANY (?)"
                    + " AND NOT EXISTS (SELECT 1 FROM artifact_refs r WHERE r.digest = b.digest)")) {
      s.setArray(1, c.createArrayOf("text", added.keySet().toArray()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw failed("dropping the content of a failed collection", e);
    }
  }

  @Override
  public boolean fetch(String hex, Path target) throws IOException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false); // a cursor: one chunk at a time, never the file at once
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT b.size, k.data FROM artifact_blobs b"
                  + " LEFT JOIN artifact_chunks k ON k.digest = b.digest"
                  + " WHERE b.digest = ? ORDER BY k.seq")) {
        s.setFetchSize(1); // a chunk (up to 2 MiB as text) at a time
        s.setString(1, hex);
        try (ResultSet rows = s.executeQuery();
            OutputStream out = Files.newOutputStream(target)) {
          boolean kept = false;
          while (rows.next()) {
            kept = true;
            byte[] data = rows.getBytes(2);
            if (data != null) {
              out.write(data);
            }
          }
          return kept;
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw failed("reading artifact content " + hex, e);
    }
  }

  /**
   * Only the leader deletes; every replica learns what is still kept, so its folder keeps no copy
   * of content that went.
   */
  @Override
  public Expired expire(Instant cutoff) throws IOException {
    try (Connection c = db.getConnection()) {
      int deleted = fence.isOpen() ? delete(c, Timestamp.from(cutoff)) : 0;
      Set<String> kept = new HashSet<>();
      try (PreparedStatement s = c.prepareStatement("SELECT digest FROM artifact_blobs");
          ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          kept.add(rows.getString(1));
        }
      }
      return new Expired(kept, deleted);
    } catch (SQLException e) {
      throw failed("expiring artifacts", e);
    }
  }

  private static int delete(Connection c, Timestamp before) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM artifact_runs WHERE NOT published AND collected_at < ?")) {
      s.setTimestamp(1, before);
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM artifact_blobs b WHERE touched_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM artifact_refs r WHERE r.digest = b.digest)")) {
      s.setTimestamp(1, before);
      return s.executeUpdate();
    }
  }

  private static IOException failed(String what, SQLException e) {
    return new IOException(what + ": the database said: " + e.getMessage(), e);
  }
}
