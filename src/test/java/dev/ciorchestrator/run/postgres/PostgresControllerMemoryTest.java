package dev.ciorchestrator.run.postgres;

import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.ControllerMemoryContract;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.testing.PostgresServer;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The controller memory contract against a real PostgreSQL server, a new database per test. */
class PostgresControllerMemoryTest extends ControllerMemoryContract {
  private static PostgresServer server;
  private DataSource db;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.shared();
  }

  private Clock clock;

  @Override
  protected ControllerMemory fresh(WriteFence fence, Clock clock) throws Exception {
    db = PostgresStoreContractTest.migrated(server.newDatabase());
    this.clock = clock;
    return another(fence);
  }

  @Override
  protected ControllerMemory another(WriteFence fence) {
    return new PostgresControllerMemory(db, fence, clock);
  }
}
