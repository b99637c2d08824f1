package dev.ciorchestrator.run.postgres;

import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The statements of {@link PostgresControllerMemory}, one per method. */
final class MemorySql {
  private MemorySql() {}

  /** An answer about an older head no longer applies. */
  static void forgetOtherHeads(Connection c, String repo, long change, String head)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM told_answers WHERE repo = ? AND change_number = ? AND head <> ?")) {
      s.setString(1, repo);
      s.setLong(2, change);
      s.setString(3, head);
      s.executeUpdate();
    }
  }

  /** Told once: a key that is there keeps its first answer. */
  static void insertAnswer(Connection c, String repo, long change, ToldAnswer a)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO told_answers (repo, change_number, request_key, head, told_at, line)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, repo);
      s.setLong(2, change);
      s.setString(3, a.key());
      s.setString(4, a.head());
      s.setObject(5, OffsetDateTime.ofInstant(a.at(), ZoneOffset.UTC));
      s.setString(6, a.line());
      s.executeUpdate();
    }
  }

  static void keepNewest(Connection c, String repo, long change, int max) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM told_answers WHERE repo = ? AND change_number = ? AND request_key IN"
                + " (SELECT request_key FROM told_answers WHERE repo = ? AND change_number = ?"
                + " ORDER BY told_at DESC, request_key DESC OFFSET ?)")) {
      s.setString(1, repo);
      s.setLong(2, change);
      s.setString(3, repo);
      s.setLong(4, change);
      s.setInt(5, max);
      s.executeUpdate();
    }
  }

  static Optional<MergeRefusal> refusal(Connection c, String repo, long change)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT head_sha, base_sha, reason FROM merge_refusals"
                + " WHERE repo = ? AND change_number = ?")) {
      s.setString(1, repo);
      s.setLong(2, change);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new MergeRefusal(r.getString(1), r.getString(2), r.getString(3)))
            : Optional.empty();
      }
    }
  }
}
