package dev.ciorchestrator.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.kubernetes.ApiRequest;
import dev.ciorchestrator.executor.kubernetes.KubeWorkload;
import dev.ciorchestrator.k8s.RoleRules.Permission;
import dev.ciorchestrator.runtime.LeaderTiming;
import dev.ciorchestrator.runtime.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Role grants exactly what the code uses. Every workload of the controller that talks to the
 * Kubernetes API runs against a test server in CRUD mode, which records each request; each request
 * becomes the permission RBAC would check ({@link ApiRequests}), and the union must equal the rules
 * of {@code k8s/base/role.yaml}: nothing missing (the controller would be refused), nothing extra
 * (it would hold rights it never uses).
 */
class RbacRulesTest {
  @TempDir Path tmp;

  /** Code that talks to the API, given a way to make clients of the recording server. */
  interface Workload {
    void run(Clients clients) throws Exception;
  }

  /** Makes clients of the test server and closes them all afterwards. */
  static final class Clients implements AutoCloseable {
    private final KubernetesMockServer server;
    private final List<KubernetesClient> made = new ArrayList<>();

    Clients(KubernetesMockServer server) {
      this.server = server;
    }

    KubernetesClient client() {
      KubernetesClient c = server.createClient();
      made.add(c);
      return c;
    }

    @Override
    public void close() {
      made.forEach(KubernetesClient::close);
    }
  }

  /** Every workload; adding one is one line here. */
  private static final List<Workload> WORKLOADS = List.of(RbacRulesTest::leaderElection);

  @Test
  void theRoleGrantsExactlyWhatTheCodeAsks() throws Exception {
    Set<Permission> used = new TreeSet<>(recorded());
    // the Kubernetes executor's run life on its own recording server (with a simulated kubelet)
    for (ApiRequest r : KubeWorkload.run(tmp)) {
      used.add(new Permission(r.group(), r.resource(), r.verb()));
    }

    Set<Permission> granted = RoleRules.fromFile();
    Set<Permission> missing = new TreeSet<>(used);
    missing.removeAll(granted);
    Set<Permission> extra = new TreeSet<>(granted);
    extra.removeAll(used);
    assertThat(missing).as("used by the code but not granted by " + RoleRules.ROLE).isEmpty();
    assertThat(extra).as("granted by " + RoleRules.ROLE + " but never used").isEmpty();
  }

  @Test
  void leaderElectionAsksForTheLeaseOnly() throws Exception {
    assertThat(recorded())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.resource()).isEqualTo("leases"))
        .contains(
            new Permission("coordination.k8s.io", "leases", "get"),
            new Permission("coordination.k8s.io", "leases", "create"));
  }

  private static Set<Permission> recorded() throws Exception {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    try {
      for (Workload w : WORKLOADS) {
        try (Clients clients = new Clients(server)) {
          w.run(clients);
        }
      }
      Set<Permission> used = new TreeSet<>();
      RecordedRequest r;
      while ((r = server.takeRequest(500, TimeUnit.MILLISECONDS)) != null) {
        used.add(ApiRequests.permission(r));
      }
      return used;
    } finally {
      server.destroy();
    }
  }

  /**
   * Everything {@link Leadership} does to the Lease: create it, lead and renew, follow, hand over
   * on a graceful stop (release), and take over after a crash (expiry).
   */
  static void leaderElection(Clients clients) throws InterruptedException {
    LeaderTiming timing =
        new LeaderTiming(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200));
    Leadership a = leadership(clients, "a", timing);
    a.start();
    await(a::leader);
    Leadership b = leadership(clients, "b", timing);
    b.start();
    await(() -> b.holder().equals("a"));
    a.close(); // releases
    await(b::leader);
    b.halt(); // a crash: the lease must expire
    Leadership c = leadership(clients, "c", timing);
    c.start();
    await(c::leader);
    c.close();
  }

  private static Leadership leadership(Clients clients, String name, LeaderTiming timing) {
    return new Leadership(
        clients.client(),
        "ci",
        "ci-orchestrator-leader",
        name,
        timing,
        new Leadership.Listener() {
          @Override
          public void startedLeading() {}

          @Override
          public void stoppedLeading() {}
        });
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting");
      }
      Thread.sleep(20);
    }
  }
}
