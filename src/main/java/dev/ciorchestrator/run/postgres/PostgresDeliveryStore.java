package dev.ciorchestrator.run.postgres;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.RunJson;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@link DeliveryStore} in PostgreSQL (table {@code callback_deliveries}, migration {@code
 * V4__controller_memory.sql}), shared by every replica: the next leader sends what the last one
 * queued. The oldest-queued is the lowest {@code seq}.
 */
public final class PostgresDeliveryStore implements DeliveryStore {
  private static final String COLUMNS =
      "id, event, url, secret_setting, payload, context, attempt, due";
  private final DataSource db;
  private final WriteFence fence;
  private final ObjectMapper json = RunJson.mapper();

  public PostgresDeliveryStore(DataSource db, WriteFence fence) {
    this.db = db;
    this.fence = fence;
  }

  @Override
  public List<Stored> add(Stored d, int capacity) throws IOException {
    fence.check("queueing callback " + d.id());
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        insert(c, d);
        List<Stored> dropped = dropOldest(c, capacity);
        c.commit();
        return dropped;
      } catch (SQLException | IOException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw PostgresRunStore.failed("queueing callback " + d.id(), e);
    }
  }

  private void insert(Connection c, Stored d) throws SQLException, IOException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO callback_deliveries ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
      s.setString(1, d.id());
      s.setString(2, d.event());
      s.setString(3, d.url().toString());
      s.setString(4, d.secretSetting());
      s.setString(5, json.writeValueAsString(d.payload()));
      s.setString(6, json.writeValueAsString(d.context()));
      s.setInt(7, d.attempt());
      s.setObject(8, OffsetDateTime.ofInstant(d.due(), ZoneOffset.UTC));
      s.executeUpdate();
    }
  }

  private List<Stored> dropOldest(Connection c, int capacity) throws SQLException, IOException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM callback_deliveries WHERE seq IN (SELECT seq FROM callback_deliveries"
                + " ORDER BY seq DESC OFFSET ?) RETURNING seq, "
                + COLUMNS)) {
      s.setInt(1, capacity);
      try (ResultSet r = s.executeQuery()) {
        return read(r);
      }
    }
  }

  @Override
  public boolean retry(String id, int attempt, Instant due) throws IOException {
    fence.check("rescheduling callback " + id);
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE callback_deliveries SET attempt = ?, due = ? WHERE id = ?")) {
      s.setInt(1, attempt);
      s.setObject(2, OffsetDateTime.ofInstant(due, ZoneOffset.UTC));
      s.setString(3, id);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw PostgresRunStore.failed("rescheduling callback " + id, e);
    }
  }

  @Override
  public void remove(String id) throws IOException {
    fence.check("removing callback " + id);
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("DELETE FROM callback_deliveries WHERE id = ?")) {
      s.setString(1, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw PostgresRunStore.failed("removing callback " + id, e);
    }
  }

  @Override
  public List<Stored> all() throws IOException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT seq, " + COLUMNS + " FROM callback_deliveries");
        ResultSet r = s.executeQuery()) {
      return read(r);
    } catch (SQLException e) {
      throw PostgresRunStore.failed("reading the callback queue", e);
    }
  }

  /** The rows, oldest-queued first, whatever order the statement returned them in. */
  private List<Stored> read(ResultSet r) throws SQLException, IOException {
    record Row(long seq, Stored delivery) {}
    List<Row> rows = new ArrayList<>();
    while (r.next()) {
      String id = r.getString(2);
      try {
        Map<String, Object> payload =
            json.readValue(r.getString(6), new TypeReference<LinkedHashMap<String, Object>>() {});
        Map<String, String> context =
            json.readValue(r.getString(7), new TypeReference<Map<String, String>>() {});
        Instant due = r.getObject(9, OffsetDateTime.class).toInstant();
        Stored d =
            new Stored(
                id,
                r.getString(3),
                URI.create(r.getString(4)),
                r.getString(5),
                payload,
                context,
                r.getInt(8),
                due);
        rows.add(new Row(r.getLong(1), d));
      } catch (IOException | IllegalArgumentException e) {
        throw new IOException(
            "unreadable callback " + id + " in table callback_deliveries: " + e.getMessage(), e);
      }
    }
    rows.sort(java.util.Comparator.comparingLong(Row::seq));
    return rows.stream().map(Row::delivery).toList();
  }
}
