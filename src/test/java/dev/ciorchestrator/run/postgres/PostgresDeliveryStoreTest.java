package dev.ciorchestrator.run.postgres;

import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.DeliveryStoreContract;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.testing.PostgresServer;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The callback queue contract against a real PostgreSQL server, a new database per test. */
class PostgresDeliveryStoreTest extends DeliveryStoreContract {
  private static PostgresServer server;
  private DataSource db;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.shared();
  }

  @Override
  protected DeliveryStore fresh(WriteFence fence) throws Exception {
    db = PostgresStoreContractTest.migrated(server.newDatabase());
    return another(fence);
  }

  @Override
  protected DeliveryStore another(WriteFence fence) {
    return new PostgresDeliveryStore(db, fence);
  }
}
