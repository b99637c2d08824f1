package dev.ciorchestrator.run.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.domain.Lists;
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
 * checked by its stamp (migration V5, one primary-key read), so a no-op pass reads no run at all.
 * Creates from concurrent callers are written in groups ({@link CreateBatch}).
 */
public final class PostgresRunStore implements RunStore, Retention {
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private record Cached(long version, RunRecord record) {}

  /** A repository's listing and the stamp it was read at. */
  private record Listing(long stamp, List<RunRecord> runs) {}

  private final DataSource db;
  private final WriteFence fence;
  private volatile LogFlush beforeEnd = id -> {};
  private final ObjectMapper json = RunJson.mapper();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Listing> listed = new ConcurrentHashMap<>();
  private final CreateBatch creates;

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
    this.creates = new CreateBatch(db);
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
    return creates.create(record);
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
    return select("SELECT id, version, record FROM runs WHERE id = ?", List.of(id), true).stream()
        .findFirst();
  }

  @Override
  public List<RunRecord> all() throws IOException {
    return select("SELECT id, version, record FROM runs ORDER BY id", List.of(), true);
  }

  @Override
  public List<RunRecord> forRepo(String repo) throws IOException {
    long stamp = stamp(repo);
    Listing before = listed.get(repo);
    if (before != null && before.stamp() == stamp) {
      return before.runs(); // nothing of the repository was written since: no row is read
    }
    // read after the stamp: a write in between makes the next stamp differ, never a stale hit
    List<RunRecord> now =
        select(
            "SELECT id, version, record FROM runs WHERE repo = ? ORDER BY id", List.of(repo), true);
    if (before != null && Lists.sameInstances(before.runs(), now)) {
      now = before.runs();
    }
    listed.put(repo, new Listing(stamp, now));
    return now;
  }

  /**
   * The repository's stamp (migration V5): a new number whenever a statement wrote its runs, 0 when
   * it never had any. One primary-key read.
   */
  private long stamp(String repo) throws IOException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT stamp FROM run_stamps WHERE repo = ?")) {
      s.setString(1, repo);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw failed("reading the runs of " + repo, e);
    }
  }

  /** One page by the indexes on (repo, change or job or state, queued_at, id): {@link PageSql}. */
  @Override
  public List<RunRecord> page(RunQuery q) throws IOException {
    PageSql page = PageSql.of(q);
    return select(page.sql(), page.params(), false);
  }

  /**
   * Rows as records, reusing the cached instance of every row whose version is unchanged. The
   * record's JSON is still transferred; parsing it is what the cache saves. Pages ({@code keep}
   * false) use the cache but add nothing to it: a browse through a million runs' history must not
   * grow it, only what the loop lists again and again belongs there.
   */
  private List<RunRecord> select(String sql, List<?> params, boolean keep) throws IOException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        s.setObject(i + 1, params.get(i));
      }
      s.setFetchSize(1000);
      List<RunRecord> out = new ArrayList<>();
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(record(rows.getString(1), rows.getLong(2), rows.getString(3), keep));
        }
      }
      return List.copyOf(out);
    } catch (SQLException e) {
      throw failed("reading runs", e);
    }
  }

  private RunRecord record(String id, long version, String text, boolean keep) throws IOException {
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
    if (keep || cached != null) {
      cache.put(id, new Cached(version, record));
    }
    return record;
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
