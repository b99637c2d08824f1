package dev.ciorchestrator.run.postgres;

import dev.ciorchestrator.run.LeaderDirectory;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/** The leader's address in table {@code leader_address} (migration V5): one row, overwritten. */
public final class PostgresLeaderDirectory implements LeaderDirectory {
  private final DataSource db;
  private final Clock clock;

  public PostgresLeaderDirectory(DataSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void publish(Leader leader) throws IOException {
    String sql =
        "INSERT INTO leader_address (id, identity, url, since) VALUES (1, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET identity = excluded.identity, url = excluded.url,"
            + " since = excluded.since";
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, leader.identity());
      s.setString(2, leader.url());
      s.setTimestamp(3, Timestamp.from(clock.instant()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw PostgresRunStore.failed("recording the leader's address", e);
    }
  }

  @Override
  public Optional<Leader> leader() throws IOException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT identity, url FROM leader_address WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.of(new Leader(r.getString(1), r.getString(2))) : Optional.empty();
    } catch (SQLException e) {
      throw PostgresRunStore.failed("reading the leader's address", e);
    }
  }
}
