package dev.ciorchestrator.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.run.postgres.PostgresRunLogs;
import dev.ciorchestrator.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run page's log with {@code ci.store.kind=postgres} against a real PostgreSQL server: the logs
 * live only in the database (no file of the run exists), so every window, the download and the live
 * follow of {@link UiLogContract} read through the {@code RunLogs} port's range reads.
 */
@QuarkusTest
@TestProfile(UiLogPostgresTest.Postgres.class)
class UiLogPostgresTest extends UiLogContract {
  /** The UI tests' world with the postgres store, on a server of its own. */
  public static class Postgres extends UiWorld {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> settings = new HashMap<>(super.getConfigOverrides());
      settings.put("ci.store.kind", "postgres");
      return settings;
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(PostgresResource.class));
    }
  }

  @Test
  void theLogsAreTheDatabases() {
    assertThat(logs).isInstanceOf(PostgresRunLogs.class);
  }
}
