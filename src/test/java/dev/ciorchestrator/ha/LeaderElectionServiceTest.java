package dev.ciorchestrator.ha;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.e2e.ServiceApi;
import dev.ciorchestrator.e2e.ServiceFolders;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service as wired with {@code ci.leader-election.enabled}, against a Kubernetes test server in
 * CRUD mode: it takes the Lease and says so in readiness and in {@code ci_orchestrator_leader};
 * when another holder takes the Lease it stops leading, and when the Lease is free again it
 * campaigns and leads again.
 */
@QuarkusTest
@TestProfile(LeaderElectionServiceTest.Election.class)
@WithKubernetesTestServer(crud = true)
class LeaderElectionServiceTest {
  private static final String NAMESPACE = "ci-test";
  private static final String LEASE = "ci-orchestrator-leader";
  private static final String ME = "replica-under-test";

  /** Its own folders, leader election on with short timings. */
  public static class Election implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path dir = Files.createTempDirectory("leader-election-service");
        Map<String, String> settings =
            new HashMap<>(ServiceFolders.settings(dir, dir.resolve("no-config")));
        settings.put("ci.leader-election.enabled", "true");
        settings.put("ci.leader-election.namespace", NAMESPACE);
        settings.put("ci.leader-election.identity", ME);
        settings.put("ci.leader-election.lease-duration", "3s");
        settings.put("ci.leader-election.renew-deadline", "2s");
        settings.put("ci.leader-election.retry-period", "300ms");
        return settings;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Inject KubernetesClient client;

  @Test
  void leadsStopsWhenAnotherHoldsTheLeaseAndLeadsAgainWhenItIsFree() throws Exception {
    JsonPath ready = untilLeader(true);
    assertThat(ready.getString(check("identity"))).isEqualTo(ME);
    assertThat(ready.getString(check("lease"))).isEqualTo(NAMESPACE + "/" + LEASE);
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(ME);
    untilGauge(1);

    // another replica holds the lease now, as after this one failed to renew in time
    hold("someone-else", Duration.ofHours(1));
    ready = untilLeader(false);
    assertThat(ready.getString(check("holder"))).isEqualTo("someone-else");
    untilGauge(0);

    hold("", Duration.ofSeconds(1)); // released
    untilLeader(true);
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(ME);
    untilGauge(1);
  }

  private Lease lease() {
    return client.leases().inNamespace(NAMESPACE).withName(LEASE).get();
  }

  /**
   * Writes the lease as another replica would. The service renews it concurrently, so a write may
   * meet a 409 Conflict, exactly as a competing replica's would: read again and retry.
   */
  private void hold(String holder, Duration duration) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      try {
        client
            .leases()
            .inNamespace(NAMESPACE)
            .withName(LEASE)
            .edit(
                l -> {
                  l.getSpec().setHolderIdentity(holder);
                  l.getSpec().setRenewTime(now);
                  l.getSpec().setAcquireTime(now);
                  l.getSpec().setLeaseDurationSeconds((int) duration.toSeconds());
                  return l;
                });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 50) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private static String check(String field) {
    return "checks.find { it.name == 'leader-election' }.data." + field;
  }

  private static JsonPath untilLeader(boolean leader) throws InterruptedException {
    return ServiceApi.until(
        "readiness says leader=" + leader,
        () -> given().get("/q/health/ready").then().extract().jsonPath(),
        j -> Boolean.valueOf(leader).equals(j.get(check("leader"))),
        JsonPath::prettify);
  }

  private static void untilGauge(int value) throws InterruptedException {
    ServiceApi.until(
        "ci_orchestrator_leader reads " + value,
        () -> given().get("/q/metrics").then().statusCode(200).extract().asString(),
        text ->
            text.lines()
                .anyMatch(l -> l.matches("ci_orchestrator_leader(\\{\\})? " + value + "\\.0")),
        text ->
            text.lines()
                .filter(l -> l.startsWith("ci_orchestrator_leader"))
                .reduce("", (a, b) -> a + b + "\n"));
  }
}
