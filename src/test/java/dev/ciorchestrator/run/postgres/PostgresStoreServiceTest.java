package dev.ciorchestrator.run.postgres;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.e2e.ServiceFolders;
import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.runtime.LockLeadership;
import dev.ciorchestrator.runtime.ReconcileService;
import dev.ciorchestrator.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The service wired with {@code ci.store.kind=postgres} and {@code ci.store.leader-lock} against a
 * real PostgreSQL server: the schema is migrated at start, the API answers runs and logs from the
 * database, and the service leads by holding the advisory lock, which nobody else can take then.
 */
@QuarkusTest
@TestProfile(PostgresStoreServiceTest.Postgres.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class PostgresStoreServiceTest {
  private static final RunKey KEY = RunKey.forChange("acme/shared", 3, "abc", "unit", 1);

  /** Its own folders; the postgres store, and the lock election with a short retry period. */
  public static class Postgres implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path dir = Files.createTempDirectory("postgres-store-service");
        Map<String, String> settings =
            new HashMap<>(ServiceFolders.settings(dir, dir.resolve("no-config")));
        settings.put("ci.store.kind", "postgres");
        settings.put("ci.store.leader-lock", "true");
        settings.put("ci.leader-election.retry-period", "300ms");
        return settings;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Inject RunStore store;

  private static RunRecord pending(RunKey key) {
    return new RunRecord(
        key,
        RunState.PENDING,
        Trigger.PULL_REQUEST,
        "alice",
        "",
        "b",
        "r",
        Instant.now(),
        null,
        null,
        "");
  }

  @Inject RunLogs logs;
  @Inject ReconcileService service;

  @Test
  void theApiAnswersFromTheDatabaseAndTheServiceLeadsByTheLock() throws Exception {
    assertThat(store).isInstanceOf(PostgresRunStore.class);
    // only the leader writes run state: the store refuses this test's writes until then
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!service.leader() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(service.leader()).as("the service leads by the advisory lock").isTrue();
    assertThat(store.create(pending(KEY))).isTrue();
    logs.append(KEY.id(), "hello from the database\n".getBytes(StandardCharsets.UTF_8));

    given()
        .queryParam("repo", "acme/shared")
        .when()
        .get("/api/v1/runs")
        .then()
        .statusCode(200)
        .body("id", hasItem(KEY.id()));
    given()
        .when()
        .get("/api/v1/runs/" + KEY.id() + "/log")
        .then()
        .statusCode(200)
        .body(equalTo("hello from the database\n"));

    assertThat(service.election()).hasValueSatisfying(e -> assertThat(e.lease()).contains("lock"));

    AtomicBoolean otherLed = new AtomicBoolean();
    String url =
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getValue("quarkus.datasource.jdbc.url", String.class);
    LockLeadership other =
        new LockLeadership(
            () -> DriverManager.getConnection(url, "postgres", ""),
            "other",
            Duration.ofMillis(100),
            new dev.ciorchestrator.runtime.Leadership.Listener() {
              @Override
              public void startedLeading() {
                otherLed.set(true);
              }

              @Override
              public void stoppedLeading() {}
            });
    other.start();
    try {
      Thread.sleep(1000); // ten tries of the other replica
      assertThat(otherLed)
          .as("a second replica never leads while the service holds the lock")
          .isFalse();
    } finally {
      other.close();
    }
  }

  @Test
  void retentionForgetsThroughTheMemoryTheLeadersLoopWrites() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!service.leader() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(service.memoryRetention())
        .as("the memory of this term's loop, in the database")
        .hasValueSatisfying(m -> assertThat(m).isInstanceOf(PostgresControllerMemory.class));
    assertThat(service.openChanges().closed("acme/shared", 3))
        .as("a repository the running config does not name keeps its memory")
        .isFalse();
  }

  @Inject dev.ciorchestrator.artifact.Artifacts artifacts;
  @Inject dev.ciorchestrator.reports.ReportStore reports;

  @Test
  void artifactsAndReportsAreInTheDatabaseAndAStoreOutageIs503() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!service.leader() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(artifacts.shared()).as("ci.artifacts.store=auto with the postgres store").isTrue();
    RunKey key = RunKey.forChange("acme/shared", 4, "def", "unit", 1);
    store.create(pending(key));
    reports.put(key.id(), dev.ciorchestrator.reports.RunReport.EMPTY);
    String url =
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getValue("quarkus.datasource.jdbc.url", String.class);
    try (var c = DriverManager.getConnection(url, "postgres", "");
        var s = c.createStatement();
        var rows =
            s.executeQuery("SELECT count(*) FROM run_reports WHERE run_id = '" + key.id() + "'")) {
      rows.next();
      assertThat(rows.getInt(1)).as("the report is a row of the shared store").isEqualTo(1);
    }
    given().when().get("/api/v1/runs/" + key.id() + "/tests").then().statusCode(200);

    try (var c = DriverManager.getConnection(url, "postgres", "");
        var s = c.createStatement()) {
      s.execute("ALTER TABLE run_reports RENAME TO run_reports_away");
      try {
        given()
            .when()
            .get("/api/v1/runs/" + key.id() + "/tests")
            .then()
            .statusCode(503)
            .body("error", org.hamcrest.Matchers.containsString("cannot read the report of run"));
      } finally {
        s.execute("ALTER TABLE run_reports_away RENAME TO run_reports");
      }
      s.execute("ALTER TABLE runs RENAME TO runs_away");
      try {
        given()
            .queryParam("repo", "acme/shared")
            .when()
            .get("/api/v1/runs")
            .then()
            .statusCode(503)
            .body("error", org.hamcrest.Matchers.containsString("the store cannot be read now"));
      } finally {
        s.execute("ALTER TABLE runs_away RENAME TO runs");
      }
    }
  }
}
