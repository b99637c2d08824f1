package dev.ciorchestrator.executor.kubernetes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment settings of the Kubernetes Jobs executor ({@code ci.executor.kubernetes.*}). Nothing
 * here is a secret: credentials are named Secrets the pods reference, never values.
 */
@ConfigMapping(prefix = "ci.executor.kubernetes")
public interface KubernetesExecutorSettings {
  /**
   * Whether the executor may be built at all. Off by default, so the one-computer setup never needs
   * a cluster; the executor router asks for the bean only when a job (or the default) needs it.
   */
  @WithDefault("false")
  boolean enabled();

  /** Where run Jobs go; empty = the client's namespace (in a pod: its own). */
  Optional<String> namespace();

  /** The image of the init container that fetches and merges the source; it needs git and sh. */
  @WithDefault("alpine/git:2.47.2")
  String initImage();

  /** The repository's clone URL; {@code {repo}} becomes {@code owner/name}. */
  @WithDefault("https://github.com/{repo}.git")
  String cloneUrl();

  /**
   * A Secret with keys {@code username} and {@code password} (a token) for fetching private
   * repositories; only the init container references it.
   */
  Optional<String> gitCredentialsSecret();

  /** A Secret whose keys become environment variables of every job container ({@code envFrom}). */
  Optional<String> envSecret();

  /** The pods' service account; its token is never mounted. Empty = the namespace's default. */
  Optional<String> serviceAccount();

  /**
   * A PersistentVolumeClaim (ReadWriteMany when runs share nodes) in the namespace holding the
   * jobs' {@code caches}: one folder of it per cache key, mounted into the run's pod (subPath).
   * Empty = Kubernetes runs have no caches.
   */
  Optional<String> cacheClaim();

  /**
   * The controller's own image, for the utilities a run's pod runs beside the job's container
   * ({@code ci-orchestrator pod ...}: restoring and saving caches on {@code cache-claim}, uploading
   * artifacts, reports and the log); it must hold the same version of the jar (k8s/ sets both).
   */
  @WithDefault("ghcr.io/ci-orchestrator/ci-orchestrator:0.1.0")
  String utilityImage();

  /**
   * Where run pods reach the controller's API to upload artifacts, reports and logs, and to fetch
   * the artifacts of the jobs they need (e.g. {@code http://ci-orchestrator.<namespace>.svc}).
   * Empty = a job with {@code artifacts.paths}, {@code reports} or {@code needs} cannot run on
   * Kubernetes (its run errors, naming this setting).
   */
  Optional<String> uploadUrl();

  /**
   * The secret the per-run upload tokens are derived from (HMAC), e.g. from a Secret through the
   * variable {@code CI_EXECUTOR_KUBERNETES_UPLOAD_KEY}; replicas must share it. Empty = one is
   * generated into {@code <work-dir>/upload.key} (0600) on first use: one per replica, so after a
   * failover the new leader refuses the tokens of running pods and their uploads are lost (a
   * warning at startup says so with the PostgreSQL store).
   */
  Optional<String> uploadKey();

  /** How {@code utility-image} starts the jar; its sub-command and arguments follow. */
  @WithDefault("java,-jar,/deployments/quarkus-run.jar")
  List<String> utilityCommand();

  /**
   * A PersistentVolumeClaim holding go/vulncheck's offline vulnerability database (the folder
   * {@code ci.recipes.govulndb} names on one computer), mounted read-only into every job container
   * at {@code /ci-govulndb} with {@code GOVULNDB} naming it. Empty = Kubernetes runs have none.
   */
  Optional<String> govulndbClaim();

  /** How long finished Jobs (and their pods and logs) stay for people to inspect. */
  @WithDefault("3600")
  int ttlSecondsAfterFinished();

  /** The uid (and gid) pods run as; {@code runAsNonRoot} forbids 0. */
  @WithDefault("1000")
  long runAsUser();

  /**
   * A read-only root filesystem for both containers (the workspace, {@code /tmp} and {@code HOME}
   * are writable volumes); turn off for images whose tools write elsewhere.
   */
  @WithDefault("true")
  boolean readOnlyRootFilesystem();

  /** Pods only go to nodes with these labels. */
  Map<String, String> nodeSelector();

  /** Where pod logs are copied, {@code <work-dir>/logs/<runId>.log}, for the run log API. */
  @WithDefault(".ci-orchestrator/kubernetes")
  Path workDir();

  /** How often a running run's pod log is copied. */
  @WithDefault("2s")
  Duration logInterval();

  /** Attempts to create a Job while the API server is unreachable or failing (5xx, 429). */
  @WithDefault("5")
  int createAttempts();

  /** The wait after the first failed attempt; it doubles after each. */
  @WithDefault("1s")
  Duration createBackoff();
}
