package dev.ciorchestrator.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A {@link PostgresServer} for one Quarkus test's application: started with it, with the datasource
 * pointed at a fresh database of its own, and stopped with it.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
  private PostgresServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = PostgresServer.start();
      return Map.of(
          "quarkus.datasource.jdbc.url",
          server.newDatabase(),
          "quarkus.datasource.username",
          "postgres");
    } catch (Exception e) {
      throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
    }
  }

  @Override
  public void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
