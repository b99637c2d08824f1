package dev.ciorchestrator.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.reconcile.queue.QueueStore;
import dev.ciorchestrator.testing.PostgresServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue store contract against a real PostgreSQL server (a new database per test, the schema
 * from the service's own Flyway migrations), plus what only this store does.
 */
class PostgresQueueStoreTest extends QueueStoreContract {
  private static PostgresServer server;
  private DataSource db;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.shared();
  }

  @Override
  protected QueueStore fresh() throws Exception {
    db = PostgresServer.dataSource(server.newDatabase());
    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    return another();
  }

  @Override
  protected QueueStore another() throws IOException {
    return new PostgresQueueStore(db);
  }

  @Test
  void theRowShowsTheQueueLengthAndLastBatchBesideItsState() throws Exception {
    fresh().save("acme/app", "main", STATE);
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT last_batch, length, state->'entries'->0->>'headSha' FROM merge_queues"
                    + " WHERE repo = 'acme/app' AND branch = 'main'")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getLong(1)).isEqualTo(7);
      assertThat(r.getInt(2)).isEqualTo(2);
      assertThat(r.getString(3)).isEqualTo("a".repeat(40));
    }
  }

  @Test
  void aDamagedRowIsAnErrorNamingItsQueue() throws Exception {
    fresh();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO merge_queues (repo, branch, last_batch, length, state)"
              + " VALUES ('acme/app', 'main', 1, 0, '{\"entries\": 3}')");
    }
    assertThatThrownBy(this::another)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "unreadable merge queue of acme/app branch main in table merge_queues");
  }
}
