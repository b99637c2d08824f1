package dev.ciorchestrator.run.postgres;

import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.MemoryRetention;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ControllerMemory} in PostgreSQL (tables {@code told_answers} and {@code merge_refusals},
 * migration {@code V4__controller_memory.sql}). One instance serves one term of leadership, and
 * only the leader writes, so what it read of a change stays true until it writes there itself: each
 * change is read once and kept (the most recently planned 20,000).
 */
public final class PostgresControllerMemory implements ControllerMemory, MemoryRetention {
  private record Change(List<ToldAnswer> answers, Optional<MergeRefusal> refusal) {}

  /** The changes read last; a change not planned for long is read again when it is. */
  private static final class Recent extends LinkedHashMap<String, Change> {
    private static final long serialVersionUID = 1L;
    private static final int MAX = 20_000;

    Recent() {
      super(16, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Change> eldest) {
      return size() > MAX;
    }
  }

  private final DataSource db;
  private final WriteFence fence;
  private final Clock clock;
  private final Map<String, Change> read = new Recent(); // guarded by this
  private final ClosedChanges closedChanges;

  /** As {@link #PostgresControllerMemory(DataSource, WriteFence, Clock)} on the system clock. */
  public PostgresControllerMemory(DataSource db, WriteFence fence) {
    this(db, fence, Clock.systemUTC());
  }

  /**
   * @param clock stamps refused merges, for retention
   */
  public PostgresControllerMemory(DataSource db, WriteFence fence, Clock clock) {
    this.db = db;
    this.fence = fence;
    this.clock = clock;
    this.closedChanges = new ClosedChanges(db, fence, this::reread);
  }

  @Override
  public synchronized List<ToldAnswer> answers(String repo, long change, String head)
      throws IOException {
    return change(repo, change).answers().stream().filter(a -> a.head().equals(head)).toList();
  }

  @Override
  public synchronized Optional<MergeRefusal> refusal(String repo, long change) throws IOException {
    return change(repo, change).refusal();
  }

  @Override
  public synchronized void answered(String repo, long change, ToldAnswer answer)
      throws IOException {
    fence.check("remembering the answer " + answer.key() + " on " + repo + "#" + change);
    read.remove(repo + "#" + change);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        MemorySql.forgetOtherHeads(c, repo, change, answer.head());
        MemorySql.insertAnswer(c, repo, change, answer);
        MemorySql.keepNewest(c, repo, change, MAX_ANSWERS);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw PostgresRunStore.failed("remembering an answer on " + repo + "#" + change, e);
    }
  }

  @Override
  public synchronized void refused(String repo, long change, MergeRefusal refusal)
      throws IOException {
    fence.check("remembering the refused merge of " + repo + "#" + change);
    read.remove(repo + "#" + change);
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO merge_refusals (repo, change_number, head_sha, base_sha, reason,"
                    + " refused_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (repo, change_number)"
                    + " DO UPDATE SET head_sha = excluded.head_sha, base_sha = excluded.base_sha,"
                    + " reason = excluded.reason, refused_at = excluded.refused_at")) {
      s.setString(1, repo);
      s.setLong(2, change);
      s.setString(3, refusal.headSha());
      s.setString(4, refusal.baseSha());
      s.setString(5, refusal.reason());
      s.setObject(6, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
      s.executeUpdate();
    } catch (SQLException e) {
      throw PostgresRunStore.failed("remembering the refused merge of " + repo + "#" + change, e);
    }
  }

  @Override
  public int forgetClosedBefore(Instant cutoff, OpenChanges open, int batch, int batches)
      throws IOException {
    return closedChanges.forget(cutoff, open, batch, batches);
  }

  /** Reads the change again when it is next planned: retention forgot it. */
  private synchronized void reread(String repo, long change) {
    read.remove(repo + "#" + change);
  }

  private Change change(String repo, long change) throws IOException {
    String key = repo + "#" + change;
    Change known = read.get(key);
    if (known != null) {
      return known;
    }
    try (Connection c = db.getConnection()) {
      Change loaded = new Change(answers(c, repo, change), MemorySql.refusal(c, repo, change));
      read.put(key, loaded);
      return loaded;
    } catch (SQLException e) {
      throw PostgresRunStore.failed("reading the memory of " + key, e);
    }
  }

  private static List<ToldAnswer> answers(Connection c, String repo, long change)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT request_key, head, told_at, line FROM told_answers"
                + " WHERE repo = ? AND change_number = ? ORDER BY told_at, request_key")) {
      s.setString(1, repo);
      s.setLong(2, change);
      List<ToldAnswer> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          OffsetDateTime at = r.getObject(3, OffsetDateTime.class);
          out.add(new ToldAnswer(r.getString(1), r.getString(2), at.toInstant(), r.getString(4)));
        }
      }
      return out;
    }
  }
}
