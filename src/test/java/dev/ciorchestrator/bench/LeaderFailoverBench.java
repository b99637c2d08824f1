package dev.ciorchestrator.bench;

import dev.ciorchestrator.runtime.LeaderElectionSettings;
import dev.ciorchestrator.runtime.LeaderTiming;
import dev.ciorchestrator.runtime.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How long leader failover takes with the default lease settings ({@link LeaderElectionSettings}),
 * on fabric8's mock API server in CRUD mode: from the moment the leader stops until the follower is
 * told it leads (when it starts its first reconcile pass). A graceful stop releases the lease; a
 * crash does not, so the lease must expire. Each round uses a fresh lease and two fresh clients.
 */
public final class LeaderFailoverBench {
  private LeaderFailoverBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    LeaderTiming timing = defaults();
    System.out.printf(
        "lease-duration %s, renew-deadline %s, retry-period %s; %d rounds each%n%n",
        timing.leaseDuration(), timing.renewDeadline(), timing.retryPeriod(), rounds);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    try {
      double[] graceful = new double[rounds];
      double[] crash = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        graceful[i] = failover(server, timing, "graceful-" + i, false);
        crash[i] = failover(server, timing, "crash-" + i, true);
      }
      System.out.println("| leader stops | median (s) | best (s) | worst (s) | rounds | goal |");
      System.out.println("|---|---|---|---|---|---|");
      System.out.println(row("gracefully (lease released)", graceful));
      System.out.println(row("by crashing (lease expires)", crash));
    } finally {
      server.destroy();
    }
  }

  /** Seconds from the leader stopping until the follower leads. */
  private static double failover(
      KubernetesMockServer server, LeaderTiming timing, String lease, boolean crash)
      throws InterruptedException {
    List<KubernetesClient> clients = new ArrayList<>();
    CountDownLatch aLeads = new CountDownLatch(1);
    CountDownLatch bLeads = new CountDownLatch(1);
    long[] bLeadAt = new long[1];
    Leadership a = leadership(server, clients, lease, "a", timing, aLeads::countDown);
    Leadership b =
        leadership(
            server,
            clients,
            lease,
            "b",
            timing,
            () -> {
              bLeadAt[0] = System.nanoTime();
              bLeads.countDown();
            });
    try {
      a.start();
      await(aLeads, "a leads");
      b.start();
      while (!b.holder().equals("a")) {
        Thread.sleep(5); // b follows: it has read the lease held by a
      }
      // stop at a random moment between two renewals, as a real crash would
      Thread.sleep((long) (Math.random() * timing.retryPeriod().toMillis()));
      long stop = System.nanoTime();
      if (crash) {
        a.halt();
      } else {
        a.close();
      }
      await(bLeads, "b takes over");
      return (bLeadAt[0] - stop) / 1e9;
    } finally {
      a.halt();
      b.close();
      clients.forEach(KubernetesClient::close);
    }
  }

  private static Leadership leadership(
      KubernetesMockServer server,
      List<KubernetesClient> clients,
      String lease,
      String identity,
      LeaderTiming timing,
      Runnable onLead) {
    KubernetesClient client = server.createClient();
    clients.add(client);
    return new Leadership(
        client,
        "ci",
        lease,
        identity,
        timing,
        new Leadership.Listener() {
          @Override
          public void startedLeading() {
            onLead.run();
          }

          @Override
          public void stoppedLeading() {}
        });
  }

  private static void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("gave up waiting until " + what);
    }
  }

  /** The defaults the service runs with, read from the settings interface itself. */
  static LeaderTiming defaults() throws NoSuchMethodException {
    return new LeaderTiming(
        defaultOf("leaseDuration"), defaultOf("renewDeadline"), defaultOf("retryPeriod"));
  }

  private static Duration defaultOf(String method) throws NoSuchMethodException {
    String value =
        LeaderElectionSettings.class.getMethod(method).getAnnotation(WithDefault.class).value();
    return Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
  }

  private static String row(String what, double[] seconds) {
    double[] s = seconds.clone();
    Arrays.sort(s);
    return String.format(
        Locale.ROOT,
        "| %s | %.2f | %.2f | %.2f | %d | ≤ 15 s |",
        what,
        s[s.length / 2],
        s[0],
        s[s.length - 1],
        s.length);
  }
}
