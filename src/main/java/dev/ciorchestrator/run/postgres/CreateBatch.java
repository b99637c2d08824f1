package dev.ciorchestrator.run.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.RunJson;
import dev.ciorchestrator.run.RunQuery;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Run creation as a group commit: callers that arrive while a group is being written queue up, and
 * the next of them writes everything queued in one {@code INSERT … SELECT FROM unnest(…) ON
 * CONFLICT (id) DO NOTHING RETURNING id} (one prepared statement, one round trip, one commit). A
 * caller learns whether its own row was inserted from the returned ids, so create-if-absent holds
 * per run as with one statement each; of two callers with the same id in one group, only the first
 * is told it created the run.
 */
final class CreateBatch {
  /** One caller's run, and what became of it (written under the batch's lock). */
  private static final class Pending {
    final RunRecord record;
    boolean done;
    boolean created;
    IOException failure;

    Pending(RunRecord record) {
      this.record = record;
    }
  }

  private static final String SQL =
      "INSERT INTO runs (id, repo, change_number, job, state, queued_at, finished_at, record)"
          + " SELECT id, repo, change_number, job, state, queued_at, finished_at, record::jsonb"
          + " FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],"
          + " ?::timestamptz[], ?::timestamptz[], ?::text[])"
          + " AS t(id, repo, change_number, job, state, queued_at, finished_at, record)"
          + " ON CONFLICT (id) DO NOTHING RETURNING id";

  private final DataSource db;
  private final ObjectMapper json = RunJson.mapper();
  private List<Pending> queue = new ArrayList<>();
  private boolean writing;

  CreateBatch(DataSource db) {
    this.db = db;
  }

  /** Whether this call created the run (false: a run with its id already existed). */
  boolean create(RunRecord record) throws IOException {
    Pending mine = new Pending(record);
    List<Pending> group;
    synchronized (this) {
      queue.add(mine);
      while (writing && !mine.done) {
        await();
      }
      if (mine.done) {
        return result(mine);
      }
      writing = true;
      group = queue;
      queue = new ArrayList<>();
    }
    try {
      write(group);
    } finally {
      synchronized (this) {
        writing = false;
        notifyAll();
      }
    }
    return result(mine);
  }

  private void await() throws IOException {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to create a run", e);
    }
  }

  private static boolean result(Pending p) throws IOException {
    if (p.failure != null) {
      throw new IOException(p.failure.getMessage(), p.failure);
    }
    return p.created;
  }

  private void write(List<Pending> group) {
    Set<String> inserted = new HashSet<>();
    IOException failure = null;
    try {
      inserted = insert(group);
    } catch (IOException e) {
      failure = e;
    }
    synchronized (this) {
      for (Pending p : group) {
        // remove: a second caller of the same id in this group did not create it
        p.created = failure == null && inserted.remove(p.record.id());
        p.failure = failure;
        p.done = true;
      }
    }
  }

  private Set<String> insert(List<Pending> group) throws IOException {
    int n = group.size();
    String[][] columns = new String[8][n];
    for (int i = 0; i < n; i++) {
      RunRecord r = group.get(i).record;
      columns[0][i] = r.id();
      columns[1][i] = r.key().repo();
      columns[2][i] = Long.toString(r.key().change());
      columns[3][i] = r.key().job();
      columns[4][i] = r.state().name();
      columns[5][i] = RunQuery.Cursor.of(r).queuedAt().toString(); // as cursors compare it
      columns[6][i] = r.finishedAt() == null ? null : r.finishedAt().toString();
      columns[7][i] = json.writeValueAsString(r);
    }
    String what = n == 1 ? "creating run " + columns[0][0] : "creating " + n + " runs";
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(SQL)) {
      for (int col = 0; col < columns.length; col++) {
        s.setArray(col + 1, c.createArrayOf("text", columns[col]));
      }
      Set<String> ids = new HashSet<>();
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw PostgresRunStore.failed(what, e);
    }
  }
}
