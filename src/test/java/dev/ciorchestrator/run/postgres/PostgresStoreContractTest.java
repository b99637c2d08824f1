package dev.ciorchestrator.run.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.run.LogTail;
import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.RunStoreContract;
import dev.ciorchestrator.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run store contract against a real PostgreSQL server (one for the class, a new database per
 * test, the schema from the service's own Flyway migrations), plus what only this store does.
 */
class PostgresStoreContractTest extends RunStoreContract {
  private static PostgresServer server;
  private DataSource db;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  static DataSource migrated(String url) {
    DataSource ds = PostgresServer.dataSource(url);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }

  @Override
  protected RunStore fresh() throws Exception {
    db = migrated(server.newDatabase());
    return another();
  }

  @Override
  protected RunStore another() {
    return new PostgresRunStore(db);
  }

  @Override
  protected RunLogs logs() {
    return new PostgresRunLogs(db, 1 << 20);
  }

  @Test
  void aLogPastItsLimitEndsWithOneMarker() throws Exception {
    fresh();
    RunLogs logs = new PostgresRunLogs(db, 10);
    append(logs, "run-1", "1234567");
    append(logs, "run-1", "éé"); // the limit falls inside the second "é": it is dropped whole
    append(logs, "run-1", "more");
    String marker = new String(PostgresRunLogs.marker(10), StandardCharsets.UTF_8);
    LogTail.Chunk all = logs.read("run-1", 0, 4096);
    assertThat(all.text()).isEqualTo("1234567é" + marker);
    assertThat(all.atEnd()).isTrue();
  }
}
