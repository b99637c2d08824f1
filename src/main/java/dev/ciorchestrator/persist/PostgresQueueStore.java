package dev.ciorchestrator.persist;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.reconcile.queue.QueueState;
import dev.ciorchestrator.reconcile.queue.QueueStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Every branch's merge-queue state in PostgreSQL (table {@code merge_queues}, migration {@code
 * V3__merge_queue.sql}), one row per repository and branch. Loaded whole when a replica becomes the
 * leader, so it continues the queues the previous leader saved, and written through on change; the
 * leader is the only writer. A row that does not read is an error at the start, as a damaged file
 * is for {@link FileQueueStore}.
 */
public final class PostgresQueueStore implements QueueStore {
  private final DataSource db;
  private final ObjectMapper json = QueueJson.mapper();
  private QueueStates content = QueueStates.NONE; // guarded by this

  /** Loads every branch's state. */
  public PostgresQueueStore(DataSource db) throws IOException {
    this.db = db;
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT repo, branch, state FROM merge_queues");
        ResultSet r = s.executeQuery()) {
      Map<String, Map<String, QueueState>> rows = new HashMap<>();
      while (r.next()) {
        String repo = r.getString(1);
        String branch = r.getString(2);
        rows.computeIfAbsent(repo, k -> new HashMap<>())
            .put(branch, read(repo, branch, r.getString(3)));
      }
      content = new QueueStates(rows);
    } catch (SQLException e) {
      throw failed("reading the merge queues", e);
    }
  }

  private QueueState read(String repo, String branch, String state) throws IOException {
    try {
      return json.readValue(state, QueueState.class);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "unreadable merge queue of "
              + repo
              + " branch "
              + branch
              + " in table merge_queues: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public synchronized QueueState load(String repo, String branch) {
    return content.load(repo, branch);
  }

  @Override
  public synchronized Set<String> branches(String repo) {
    return content.branches(repo);
  }

  @Override
  public synchronized void save(String repo, String branch, QueueState state) throws IOException {
    if (state.equals(load(repo, branch))) {
      return; // most passes change nothing
    }
    try (Connection c = db.getConnection()) {
      if (state.equals(QueueState.EMPTY)) {
        delete(c, repo, branch);
      } else {
        upsert(c, repo, branch, state);
      }
    } catch (SQLException e) {
      throw failed("saving the merge queue of " + repo + " branch " + branch, e);
    }
    content = content.with(repo, branch, state);
  }

  private void upsert(Connection c, String repo, String branch, QueueState state)
      throws SQLException, IOException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO merge_queues (repo, branch, last_batch, length, state)"
                + " VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT (repo, branch) DO UPDATE SET"
                + " last_batch = excluded.last_batch, length = excluded.length,"
                + " state = excluded.state")) {
      s.setString(1, repo);
      s.setString(2, branch);
      s.setLong(3, state.lastBatch());
      s.setInt(4, state.entries().size());
      s.setString(5, json.writeValueAsString(state));
      s.executeUpdate();
    }
  }

  private static void delete(Connection c, String repo, String branch) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM merge_queues WHERE repo = ? AND branch = ?")) {
      s.setString(1, repo);
      s.setString(2, branch);
      s.executeUpdate();
    }
  }

  private static IOException failed(String what, SQLException e) {
    return new IOException(what + " in PostgreSQL failed: " + e.getMessage(), e);
  }
}
