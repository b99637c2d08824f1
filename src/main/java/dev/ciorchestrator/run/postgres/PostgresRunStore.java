package dev.ciorchestrator.run.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.domain.Lists;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.run.Retention;
import dev.ciorchestrator.run.RunJson;
import dev.ciorchestrator.run.RunQuery;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Run records in PostgreSQL, shared by every replica (schema: {@code db/migration}). Creation is
 * {@code INSERT … ON CONFLICT DO NOTHING} on the run id, so create-if-absent holds across replicas
 * and long after an executor forgot the run; an update is a compare-and-set on the states the run
 * may move forward from, so two writers can never move one run backwards or twice.
 *
 * <p>A replica's writes pass its {@link WriteFence}: a follower's attempts are refused before they
 * reach the database, so only the leader ever writes run state.
 *
 * <p>Reads go to the database every time (another replica may have written), but a record whose row
 * version is unchanged keeps its instance, and an unchanged listing its list: the reconcile loop
 * skips unchanged changes by identity, as with the file store. A repository's listing is first
 * checked by its stamp (count and newest change number, one index read), so a no-op pass reads no
 * row at all.
 */
public final class PostgresRunStore implements RunStore, Retention {
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final String COLUMNS =
      "id, repo, change_number, job, state, queued_at, finished_at, record";

  private record Cached(long version, RunRecord record) {}

  /** A repository's listing and the stamp (count, newest change number) it was read at. */
  private record Listing(long count, long seq, List<RunRecord> runs) {}

  private final DataSource db;
  private final WriteFence fence;
  private volatile LogFlush beforeEnd = id -> {};
  private final ObjectMapper json = RunJson.mapper();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Listing> listed = new ConcurrentHashMap<>();

  /** A store any holder may write: a tool (import, benchmarks) or the only replica. */
  public PostgresRunStore(DataSource db) {
    this(db, WriteFence.open());
  }

  /**
   * A replica's store: creates and updates are refused ({@link WriteFence.NotLeading}) unless it
   * leads.
   */
  public PostgresRunStore(DataSource db, WriteFence fence) {
    this.db = db;
    this.fence = fence;
  }

  /** Brings a run's log into the database; run before the record says the run is over. */
  @FunctionalInterface
  public interface LogFlush {
    void flush(String runId) throws IOException;
  }

  /**
   * Ships what the executor still holds of a run's log before its record turns terminal: a reader
   * that sees the run over (on any replica) then reads its whole log, never a log cut short. A
   * flush that fails fails the update, which the executor retries.
   */
  public void beforeEnd(LogFlush flush) {
    this.beforeEnd = flush;
  }

  @Override
  public boolean create(RunRecord record) throws IOException {
    checkId(record.id());
    fence.check("creating run " + record.id());
    String sql =
        "INSERT INTO runs ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
            + " ON CONFLICT (id) DO NOTHING";
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, record);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failed("creating run " + record.id(), e);
    }
  }

  @Override
  public void update(RunRecord next) throws IOException {
    checkId(next.id());
    fence.check("updating run " + next.id());
    if (next.state().terminal()) {
      beforeEnd.flush(next.id());
    }
    String[] from =
        Arrays.stream(RunState.values())
            .filter(s -> !s.terminal() && s.ordinal() < next.state().ordinal())
            .map(Enum::name)
            .toArray(String[]::new);
    String sql =
        "UPDATE runs SET state = ?, finished_at = ?, record = ?::jsonb, version = version + 1,"
            + " seq = nextval('runs_change_seq')"
            + " WHERE id = ? AND state = ANY (?)";
    int changed;
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, next.state().name());
      s.setTimestamp(2, next.finishedAt() == null ? null : Timestamp.from(next.finishedAt()));
      s.setString(3, json.writeValueAsString(next));
      s.setString(4, next.id());
      s.setArray(5, c.createArrayOf("text", from));
      changed = s.executeUpdate();
    } catch (SQLException e) {
      throw failed("storing run " + next.id(), e);
    }
    if (changed == 0) {
      RunRecord current =
          get(next.id()).orElseThrow(() -> new IllegalStateException("no run record " + next.id()));
      throw new IllegalStateException(
          "run %s cannot move from %s to %s"
              .formatted(next.id(), current.state().wire(), next.state().wire()));
    }
  }

  @Override
  public Optional<RunRecord> get(String id) throws IOException {
    checkId(id);
    return select("SELECT id, version, record FROM runs WHERE id = ?", List.of(id)).stream()
        .findFirst();
  }

  @Override
  public List<RunRecord> all() throws IOException {
    return select("SELECT id, version, record FROM runs ORDER BY id", List.of());
  }

  @Override
  public List<RunRecord> forRepo(String repo) throws IOException {
    long[] stamp = stamp(repo);
    Listing before = listed.get(repo);
    if (before != null && before.count() == stamp[0] && before.seq() == stamp[1]) {
      return before.runs(); // nothing of the repository was written since: no row is read
    }
    // read after the stamp: a write in between makes the next stamp differ, never a stale hit
    List<RunRecord> now =
        select("SELECT id, version, record FROM runs WHERE repo = ? ORDER BY id", List.of(repo));
    if (before != null && Lists.sameInstances(before.runs(), now)) {
      now = before.runs();
    }
    listed.put(repo, new Listing(stamp[0], stamp[1], now));
    return now;
  }

  /** How many runs the repository has and the newest change number among them (V2 migration). */
  private long[] stamp(String repo) throws IOException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT count(*), coalesce(max(seq), 0) FROM runs WHERE repo = ?")) {
      s.setString(1, repo);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new long[] {r.getLong(1), r.getLong(2)};
      }
    } catch (SQLException e) {
      throw failed("reading the runs of " + repo, e);
    }
  }

  /** One page by the indexes on (repo, change or job or state, queued_at, id). */
  @Override
  public List<RunRecord> page(RunQuery q) throws IOException {
    StringBuilder sql = new StringBuilder("SELECT id, version, record FROM runs WHERE true");
    List<Object> params = new ArrayList<>();
    if (!q.repo().isEmpty()) {
      sql.append(" AND repo = ?");
      params.add(q.repo());
    }
    if (q.change().isPresent()) {
      sql.append(" AND change_number = ?");
      params.add(q.change().getAsLong());
    }
    if (!q.job().isEmpty()) {
      sql.append(" AND job = ?");
      params.add(q.job());
    }
    if (q.state().isPresent()) {
      sql.append(" AND state = ?");
      params.add(q.state().get().name());
    }
    if (!q.batch().isEmpty()) {
      // rare (the queue's page of one batch), so read from the record rather than indexed
      sql.append(" AND change_number = 0 AND starts_with(record->'key'->>'ref', ?)");
      sql.append(" AND right(record->'key'->>'ref', ?) = ?");
      params.add(RunKey.BATCH_REF);
      params.add(q.batch().length() + 1);
      params.add("@" + q.batch());
    }
    if (q.before().isPresent()) {
      sql.append(" AND (queued_at, id) < (?, ?)");
      params.add(Timestamp.from(q.before().get().queuedAt()));
      params.add(q.before().get().id());
    }
    sql.append(" ORDER BY queued_at DESC, id DESC LIMIT ?");
    params.add(q.limit());
    return select(sql.toString(), params);
  }

  /**
   * Rows as records, reusing the cached instance of every row whose version is unchanged. The
   * record's JSON is still transferred; parsing it is what the cache saves.
   */
  private List<RunRecord> select(String sql, List<?> params) throws IOException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        s.setObject(i + 1, params.get(i));
      }
      s.setFetchSize(1000);
      List<RunRecord> out = new ArrayList<>();
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(record(rows.getString(1), rows.getLong(2), rows.getString(3)));
        }
      }
      return List.copyOf(out);
    } catch (SQLException e) {
      throw failed("reading runs", e);
    }
  }

  private RunRecord record(String id, long version, String text) throws IOException {
    Cached cached = cache.get(id);
    if (cached != null && cached.version() == version) {
      return cached.record();
    }
    RunRecord record;
    try {
      record = json.readValue(text, RunRecord.class);
    } catch (IOException e) {
      throw new IOException(
          "unreadable run record " + id + " in the database: " + e.getMessage(), e);
    }
    cache.put(id, new Cached(version, record));
    return record;
  }

  private void bind(PreparedStatement s, RunRecord r) throws SQLException, IOException {
    s.setString(1, r.id());
    s.setString(2, r.key().repo());
    s.setLong(3, r.key().change());
    s.setString(4, r.key().job());
    s.setString(5, r.state().name());
    s.setTimestamp(6, Timestamp.from(RunQuery.Cursor.of(r).queuedAt())); // as cursors compare it
    s.setTimestamp(7, r.finishedAt() == null ? null : Timestamp.from(r.finishedAt()));
    s.setString(8, json.writeValueAsString(r));
  }

  static void checkId(String id) {
    if (!RUN_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a run id: " + id);
    }
  }

  static IOException failed(String what, SQLException e) {
    return new IOException(what + " in PostgreSQL failed: " + e.getMessage(), e);
  }

  /** One statement: the runs and their logs go together, or not at all. */
  @Override
  public int deleteFinishedBefore(Instant cutoff, int max) throws IOException {
    String sql =
        "WITH gone AS (DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE finished_at < ?"
            + " ORDER BY finished_at LIMIT ?) RETURNING id),"
            + " chunks AS (DELETE FROM log_chunks WHERE run_id IN (SELECT id FROM gone)),"
            + " heads AS (DELETE FROM log_heads WHERE run_id IN (SELECT id FROM gone))"
            + " SELECT id FROM gone";
    List<String> ids = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, Timestamp.from(cutoff));
      s.setInt(2, max);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    } catch (SQLException e) {
      throw failed("deleting finished runs", e);
    }
    ids.forEach(cache::remove);
    listed.clear();
    return ids.size();
  }
}
