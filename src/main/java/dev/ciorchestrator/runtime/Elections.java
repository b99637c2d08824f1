package dev.ciorchestrator.runtime;

import dev.ciorchestrator.run.LeaderDirectory;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.wiring.StoreSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Makes the election this replica takes part in: none (it always leads), a Kubernetes {@code Lease}
 * ({@code ci.leader-election.enabled}), or a PostgreSQL advisory lock on the shared store's
 * database ({@code ci.store.leader-lock}, with {@code ci.store.kind=postgres}).
 */
@ApplicationScoped
public class Elections {
  private static final Logger LOG = Logger.getLogger(Elections.class);
  private final LeaderElectionSettings election;
  private final StoreSettings store;
  private final Instance<KubernetesClient> kubernetes;
  private final Optional<String> url;
  private final Optional<String> user;
  private final Optional<String> password;
  private final WriteFence fence;
  private final LeaderDirectory directory;
  private final Config config;

  public Elections(
      LeaderElectionSettings election,
      StoreSettings store,
      Instance<KubernetesClient> kubernetes,
      Config config,
      WriteFence fence,
      LeaderDirectory directory) {
    this.fence = fence;
    this.directory = directory;
    this.config = config;
    this.election = election;
    this.store = store;
    this.kubernetes = kubernetes;
    // the datasource's own settings, read as they are: Quarkus owns their mapping
    this.url = config.getOptionalValue("quarkus.datasource.jdbc.url", String.class);
    this.user = config.getOptionalValue("quarkus.datasource.username", String.class);
    this.password = config.getOptionalValue("quarkus.datasource.password", String.class);
  }

  /**
   * The election, or empty when this replica is the only one and always leads. While it leads, and
   * only then, its {@link WriteFence} is open: opened before {@code listener} starts leading,
   * closed before it stops.
   */
  Optional<Election> make(Leadership.Listener listener) {
    String identity = this.election.identity().orElseGet(Elections::defaultIdentity);
    Optional<Election> election = elect(identity, fenced(identity, listener));
    if (election.isEmpty()) {
      fence.lead();
    }
    return election;
  }

  private Leadership.Listener fenced(String identity, Leadership.Listener listener) {
    return new Leadership.Listener() {
      @Override
      public void startedLeading() {
        fence.lead();
        publish(identity);
        listener.startedLeading();
      }

      @Override
      public void stoppedLeading() {
        fence.follow();
        listener.stoppedLeading();
      }
    };
  }

  /** Tells followers where to forward writes; without it they answer "Not the leader". */
  private void publish(String identity) {
    // read now, not at construction: Quarkus publishes the port it bound (also a random one)
    String advertisedUrl =
        AdvertisedUrl.of(
            store.advertisedUrl(),
            config.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0"),
            config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080));
    try {
      directory.publish(new LeaderDirectory.Leader(identity, advertisedUrl));
      LOG.infof("%s advertises %s to the other replicas", identity, advertisedUrl);
    } catch (IOException e) {
      LOG.warnf(
          "%s could not record its address (%s): followers cannot forward writes to it",
          identity, e.getMessage());
    }
  }

  private Optional<Election> elect(String identity, Leadership.Listener listener) {
    if (store.leaderLock()) {
      if (store.kind() != StoreSettings.Kind.POSTGRES || url.isEmpty()) {
        throw new IllegalStateException(
            "ci.store.leader-lock=true needs ci.store.kind=postgres and"
                + " quarkus.datasource.jdbc.url: the lock is held in the shared database");
      }
      if (election.enabled()) {
        throw new IllegalStateException(
            "ci.store.leader-lock and ci.leader-election.enabled are both true: choose one");
      }
      return Optional.of(
          new LockLeadership(
              () ->
                  DriverManager.getConnection(url.get(), user.orElse(null), password.orElse(null)),
              identity,
              LeaderTiming.of(election).retryPeriod(),
              listener));
    }
    if (!election.enabled()) {
      return Optional.empty();
    }
    KubernetesClient client = kubernetes.get();
    String namespace = election.namespace().orElseGet(client::getNamespace);
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalStateException(
          "ci.leader-election.namespace is not set and the Kubernetes client has no namespace");
    }
    return Optional.of(
        new Leadership(
            client,
            namespace,
            election.leaseName(),
            identity,
            LeaderTiming.of(election),
            listener));
  }

  /**
   * The host name (a pod's name) plus a random suffix: unique per process, readable in the lease.
   */
  static String defaultIdentity() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "ci-orchestrator";
      }
    }
    byte[] suffix = new byte[3];
    ThreadLocalRandom.current().nextBytes(suffix);
    return host + "-" + HexFormat.of().formatHex(suffix);
  }
}
