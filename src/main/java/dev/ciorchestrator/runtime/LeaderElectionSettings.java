package dev.ciorchestrator.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Leader election among replicas of the service ({@code ci.leader-election.*}). Off by default: one
 * computer needs no cluster. On, only the instance holding the {@code Lease} reconciles and starts
 * runs; the others serve the read API and take webhooks.
 *
 * <p>The timing defaults keep failover within 15 s (docs/deployment.md): a crashed leader's lease
 * expires {@link #leaseDuration} after its last renewal, and a follower notices within a jittered
 * {@link #retryPeriod} (at most 2.2 times it), so at most 10 s + 2.2 s. A leader that cannot renew
 * gives up after {@link #renewDeadline} (checked every retry period, so by about 8 s), before
 * anyone else may take the lease at 10 s.
 */
@ConfigMapping(prefix = "ci.leader-election")
public interface LeaderElectionSettings {
  @WithDefault("false")
  boolean enabled();

  /** Namespace of the {@code Lease}; default: the client's namespace (in a pod, its own). */
  Optional<String> namespace();

  @WithDefault("ci-orchestrator-leader")
  String leaseName();

  /**
   * This instance's name in the lease; default: the host name (in Kubernetes, the pod name) plus a
   * random suffix, so two processes on one host, or a restarted container, never share it.
   */
  Optional<String> identity();

  /** How long a lease holds without renewal; a crashed leader is replaced after about this. */
  @WithDefault("10s")
  Duration leaseDuration();

  /** How long a leader keeps trying to renew before it stops leading; below lease-duration. */
  @WithDefault("7s")
  Duration renewDeadline();

  /** How often a leader renews and a follower tries to take the lease. */
  @WithDefault("1s")
  Duration retryPeriod();
}
