package dev.ciorchestrator.run.postgres;

import dev.ciorchestrator.run.MemoryRetention;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The statements of {@link PostgresControllerMemory}'s {@link MemoryRetention}. */
final class RetentionSql {
  /** A remembered change and when something was last remembered of it. */
  record Remembered(String repo, long change, Instant at) {}

  /** Before every change: no repository name is empty. */
  static final Remembered FIRST = new Remembered("", Long.MIN_VALUE, Instant.MIN);

  // Each side reads at most `max` changes along its primary key, so a batch costs the same
  // wherever it starts; the newest time of each is read through the same keys.
  private static final String NEXT =
      "SELECT k.repo, k.change_number, greatest("
          + " (SELECT max(told_at) FROM told_answers a"
          + "  WHERE a.repo = k.repo AND a.change_number = k.change_number),"
          + " (SELECT refused_at FROM merge_refusals r"
          + "  WHERE r.repo = k.repo AND r.change_number = k.change_number))"
          + " FROM ((SELECT DISTINCT repo, change_number FROM told_answers"
          + "   WHERE (repo, change_number) > (?, ?) ORDER BY repo, change_number LIMIT ?)"
          + "  UNION (SELECT repo, change_number FROM merge_refusals"
          + "   WHERE (repo, change_number) > (?, ?) ORDER BY repo, change_number LIMIT ?)) k"
          + " ORDER BY k.repo, k.change_number LIMIT ?";

  private RetentionSql() {}

  /** The next {@code max} remembered changes after {@code after}, in key order. */
  static List<Remembered> next(Connection c, Remembered after, int max) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(NEXT)) {
      for (int side = 0; side < 2; side++) {
        s.setString(1 + 3 * side, after.repo());
        s.setLong(2 + 3 * side, after.change());
        s.setInt(3 + 3 * side, max);
      }
      s.setInt(7, max);
      List<Remembered> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          OffsetDateTime at = r.getObject(3, OffsetDateTime.class);
          out.add(new Remembered(r.getString(1), r.getLong(2), at.toInstant()));
        }
      }
      return out;
    }
  }

  /**
   * Forgets what was remembered of {@code changes} before {@code cutoff}, in one transaction: what
   * was remembered since (the change was reopened meanwhile) stays.
   *
   * @return how many of the changes lost something
   */
  static int forget(Connection c, List<Remembered> changes, Instant cutoff) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement answers =
            c.prepareStatement(
                "DELETE FROM told_answers WHERE repo = ? AND change_number = ? AND told_at < ?");
        PreparedStatement refusals =
            c.prepareStatement(
                "DELETE FROM merge_refusals WHERE repo = ? AND change_number = ?"
                    + " AND refused_at < ?")) {
      for (Remembered m : changes) {
        for (PreparedStatement s : List.of(answers, refusals)) {
          s.setString(1, m.repo());
          s.setLong(2, m.change());
          s.setObject(3, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
          s.addBatch();
        }
      }
      int[] fromAnswers = answers.executeBatch();
      int[] fromRefusals = refusals.executeBatch();
      c.commit();
      int forgotten = 0;
      for (int i = 0; i < changes.size(); i++) {
        forgotten += fromAnswers[i] + fromRefusals[i] > 0 ? 1 : 0;
      }
      return forgotten;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    }
  }
}
