package dev.ciorchestrator.run.postgres;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.run.RunJson;
import dev.ciorchestrator.run.Watermarks;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@link Watermarks} in PostgreSQL, one row per repository. Loaded whole when a replica becomes the
 * leader (the previous leader's saves are all there) and written through on change.
 */
public final class PostgresWatermarks implements Watermarks {
  /** One repository's row. */
  record Row(Map<String, String> branches, Map<String, Instant> schedules) {
    Row {
      branches = new TreeMap<>(branches == null ? Map.of() : branches);
      schedules = new TreeMap<>(schedules == null ? Map.of() : schedules);
    }
  }

  private final DataSource db;
  private final ObjectMapper json = RunJson.mapper();
  private final Map<String, Row> rows = new HashMap<>(); // guarded by this

  /** Loads every repository's watermarks. */
  public PostgresWatermarks(DataSource db) throws IOException {
    this.db = db;
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT repo, content FROM watermarks");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.put(r.getString(1), json.readValue(r.getString(2), new TypeReference<Row>() {}));
      }
    } catch (SQLException e) {
      throw PostgresRunStore.failed("reading the watermarks", e);
    }
  }

  @Override
  public synchronized Optional<Map<String, String>> branches(String repo) {
    return Optional.ofNullable(rows.get(repo)).map(r -> Map.copyOf(r.branches()));
  }

  @Override
  public synchronized Map<String, Instant> schedules(String repo) {
    Row row = rows.get(repo);
    return row == null ? Map.of() : Map.copyOf(row.schedules());
  }

  @Override
  public synchronized void save(
      String repo, Map<String, String> branches, Map<String, Instant> schedules)
      throws IOException {
    Row old = rows.get(repo);
    if (old != null && branches.equals(old.branches()) && schedules.equals(old.schedules())) {
      return; // most passes change nothing
    }
    Row next = new Row(branches, schedules);
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO watermarks (repo, content) VALUES (?, ?::jsonb)"
                    + " ON CONFLICT (repo) DO UPDATE SET content = excluded.content")) {
      s.setString(1, repo);
      s.setString(2, json.writeValueAsString(next));
      s.executeUpdate();
    } catch (SQLException e) {
      throw PostgresRunStore.failed("saving the watermarks of " + repo, e);
    }
    rows.put(repo, next);
  }
}
