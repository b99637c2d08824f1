package dev.ciorchestrator.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Takes part in leader election on one {@code coordination.k8s.io/v1} {@code Lease} with fabric8's
 * {@link LeaderElector}, and tells a {@link Listener} when this instance starts and stops leading.
 *
 * <p>fabric8's elector runs once: after it loses the lease it is done. This campaigns again (with a
 * new elector, after one retry period) until {@link #close}, so an instance that lost the lease to
 * a network blip becomes a follower that may lead again, rather than a process that never will.
 *
 * <p>{@link #close} releases the lease, so a graceful stop hands over within one retry period; a
 * crash releases nothing and the lease must expire ({@link #halt} imitates that for tests).
 */
public final class Leadership implements Election {
  private static final Logger LOG = Logger.getLogger(Leadership.class);

  /** Told of every change; both calls may repeat, so implementations must be idempotent. */
  public interface Listener {
    void startedLeading();

    void stoppedLeading();
  }

  private final KubernetesClient client;
  private final String namespace;
  private final String leaseName;
  private final String identity;
  private final LeaderTiming timing;
  private final Listener listener;
  private final ExecutorService callbacks;
  private final ScheduledExecutorService campaigns;
  private volatile boolean leader;
  private volatile String holder = "";
  private LeaderElector elector; // guarded by this
  private CompletableFuture<?> running; // guarded by this
  private boolean closed; // guarded by this

  public Leadership(
      KubernetesClient client,
      String namespace,
      String leaseName,
      String identity,
      LeaderTiming timing,
      Listener listener) {
    this.client = client;
    this.namespace = namespace;
    this.leaseName = leaseName;
    this.identity = identity;
    this.timing = timing;
    this.listener = listener;
    this.callbacks = Executors.newSingleThreadExecutor(daemon("leader-election " + identity));
    this.campaigns = Executors.newSingleThreadScheduledExecutor(daemon("leader-campaign"));
  }

  /** Starts campaigning; returns at once. */
  @Override
  public synchronized void start() {
    if (closed || running != null) {
      return;
    }
    campaign();
  }

  @Override
  public boolean leader() {
    return leader;
  }

  @Override
  public String identity() {
    return identity;
  }

  /** The holder this instance saw last; empty before it first read the lease, or when released. */
  @Override
  public String holder() {
    return holder;
  }

  @Override
  public String lease() {
    return namespace + "/" + leaseName;
  }

  /** Stops campaigning, stops leading (the listener is told first) and releases the lease. */
  @Override
  public void close() {
    LeaderElector last = stop();
    if (last != null) {
      try {
        last.release();
      } catch (KubernetesClientException e) {
        LOG.warnf(
            "could not release lease %s (it expires on its own): %s", lease(), e.getMessage());
      }
    }
    shutdownThreads();
  }

  /**
   * Stops campaigning and leading without touching the lease, as a crash would: the others must
   * wait for it to expire. For failover tests and benchmarks.
   */
  public void halt() {
    stop();
    shutdownThreads();
  }

  private LeaderElector stop() {
    LeaderElector last;
    CompletableFuture<?> future;
    synchronized (this) {
      if (closed) {
        return null; // stopped before: released (or halted) then
      }
      closed = true;
      last = elector;
      future = running;
    }
    if (future != null) {
      future.cancel(true); // the elector stops renewing and calls stoppedLeading
    }
    stoppedLeading(); // also when the callback thread is busy: never act on leadership after this
    return last;
  }

  private void shutdownThreads() {
    campaigns.shutdownNow();
    callbacks.shutdown();
  }

  // guarded by this
  private void campaign() {
    LeaseLock lock = new LeaseLock(namespace, leaseName, identity);
    elector =
        new LeaderElector(
            client,
            new LeaderElectionConfigBuilder()
                .withName(leaseName)
                .withLock(lock)
                .withLeaseDuration(timing.leaseDuration())
                .withRenewDeadline(timing.renewDeadline())
                .withRetryPeriod(timing.retryPeriod())
                .withReleaseOnCancel(false) // close() releases; halt() must not
                .withLeaderCallbacks(
                    new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::observed))
                .build(),
            callbacks);
    running = elector.start();
    running.whenComplete((v, t) -> campaignEnded(t));
  }

  private void campaignEnded(Throwable failure) {
    stoppedLeading();
    synchronized (this) {
      if (closed) {
        return;
      }
      if (failure != null) {
        LOG.warnf("leader election on %s ended: %s; campaigning again", lease(), failure);
      }
      campaigns.schedule(
          this::campaignAgain, timing.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void campaignAgain() {
    if (!closed) {
      campaign();
    }
  }

  // Both run under this lock, so a start that races close() is either told before the stop or
  // not at all: after close() returns, the listener hears nothing more.
  private synchronized void startedLeading() {
    if (closed || leader) {
      return;
    }
    leader = true;
    LOG.infof("%s leads (lease %s): reconciling", identity, lease());
    listener.startedLeading();
  }

  private synchronized void stoppedLeading() {
    if (leader) {
      leader = false;
      LOG.infof("%s stopped leading (lease %s): reconciling paused", identity, lease());
    }
    listener.stoppedLeading();
  }

  private void observed(String newHolder) {
    holder = newHolder == null ? "" : newHolder;
    LOG.debugf("lease %s held by %s", lease(), holder.isEmpty() ? "nobody" : holder);
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
