package dev.ciorchestrator.executor.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JobRenderer} needs from the settings, as plain values so rendering is testable
 * without a config source.
 */
public record RenderOptions(
    String initImage,
    String cloneUrl,
    Optional<String> gitCredentialsSecret,
    Optional<String> envSecret,
    Optional<String> serviceAccount,
    int ttlSecondsAfterFinished,
    long runAsUser,
    boolean readOnlyRootFilesystem,
    Map<String, String> nodeSelector,
    Optional<String> cacheClaim,
    String utilityImage,
    List<String> utilityCommand,
    long cacheMaxBytes,
    Duration cacheMaxAge,
    Optional<String> govulndbClaim) {
  static final String UTILITY_IMAGE = "ghcr.io/ci-orchestrator/ci-orchestrator:0.1.0";
  static final List<String> UTILITY_COMMAND =
      List.of("java", "-jar", "/deployments/quarkus-run.jar");
  static final long CACHE_MAX_BYTES = 10L * 1024 * 1024 * 1024;
  static final Duration CACHE_MAX_AGE = Duration.ofDays(7);

  public RenderOptions {
    Objects.requireNonNull(initImage, "initImage");
    Objects.requireNonNull(cloneUrl, "cloneUrl");
    nodeSelector = Map.copyOf(nodeSelector);
    cacheClaim = cacheClaim == null ? Optional.empty() : cacheClaim;
    Objects.requireNonNull(utilityImage, "utilityImage");
    utilityCommand = List.copyOf(utilityCommand);
    Objects.requireNonNull(cacheMaxAge, "cacheMaxAge");
    govulndbClaim = govulndbClaim == null ? Optional.empty() : govulndbClaim;
  }

  /** Options of the settings before the pod utilities: those at their defaults. */
  public RenderOptions(
      String initImage,
      String cloneUrl,
      Optional<String> gitCredentialsSecret,
      Optional<String> envSecret,
      Optional<String> serviceAccount,
      int ttlSecondsAfterFinished,
      long runAsUser,
      boolean readOnlyRootFilesystem,
      Map<String, String> nodeSelector,
      Optional<String> cacheClaim) {
    this(
        initImage,
        cloneUrl,
        gitCredentialsSecret,
        envSecret,
        serviceAccount,
        ttlSecondsAfterFinished,
        runAsUser,
        readOnlyRootFilesystem,
        nodeSelector,
        cacheClaim,
        UTILITY_IMAGE,
        UTILITY_COMMAND,
        CACHE_MAX_BYTES,
        CACHE_MAX_AGE,
        Optional.empty());
  }

  /** These options with the caches in PersistentVolumeClaim {@code claim}. */
  public RenderOptions withCacheClaim(String claim) {
    return pods(
        Optional.of(claim),
        utilityImage,
        utilityCommand,
        cacheMaxBytes,
        cacheMaxAge,
        govulndbClaim);
  }

  /** These options with the caches' limits on the claim ({@code ci.cache.max-size}, max-age). */
  public RenderOptions withCacheLimits(long maxBytes, Duration maxAge) {
    return pods(cacheClaim, utilityImage, utilityCommand, maxBytes, maxAge, govulndbClaim);
  }

  /** These options with go/vulncheck's database in PersistentVolumeClaim {@code claim}. */
  public RenderOptions withGovulndbClaim(String claim) {
    return pods(
        cacheClaim, utilityImage, utilityCommand, cacheMaxBytes, cacheMaxAge, Optional.of(claim));
  }

  /** These options with the pod utilities started by {@code command} in {@code image}. */
  public RenderOptions withUtility(String image, List<String> command) {
    return pods(cacheClaim, image, command, cacheMaxBytes, cacheMaxAge, govulndbClaim);
  }

  /** These options with other values of what the pod gets besides the job's container. */
  private RenderOptions pods(
      Optional<String> claim,
      String image,
      List<String> command,
      long maxBytes,
      Duration maxAge,
      Optional<String> vulnDb) {
    return new RenderOptions(
        initImage,
        cloneUrl,
        gitCredentialsSecret,
        envSecret,
        serviceAccount,
        ttlSecondsAfterFinished,
        runAsUser,
        readOnlyRootFilesystem,
        nodeSelector,
        claim,
        image,
        command,
        maxBytes,
        maxAge,
        vulnDb);
  }

  /** The defaults of {@link KubernetesExecutorSettings}, for tests and benchmarks. */
  public static RenderOptions defaults() {
    return new RenderOptions(
        "alpine/git:2.47.2",
        "https://github.com/{repo}.git",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        3600,
        1000,
        true,
        Map.of(),
        Optional.empty());
  }

  /**
   * The settings' options.
   *
   * @throws IllegalArgumentException naming every key the API server would refuse in a Job
   */
  static RenderOptions of(KubernetesExecutorSettings s) {
    return of(s, CACHE_MAX_BYTES, CACHE_MAX_AGE);
  }

  /** The settings' options, with the caches' limits of {@code ci.cache.*}. */
  static RenderOptions of(KubernetesExecutorSettings s, long cacheMaxBytes, Duration cacheMaxAge) {
    RenderOptions options = unchecked(s, cacheMaxBytes, cacheMaxAge);
    List<String> problems = SettingsCheck.problems(options, s.namespace());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid Kubernetes executor settings: " + String.join("; ", problems));
    }
    return options;
  }

  private static RenderOptions unchecked(
      KubernetesExecutorSettings s, long cacheMaxBytes, Duration cacheMaxAge) {
    return new RenderOptions(
        s.initImage(),
        s.cloneUrl(),
        s.gitCredentialsSecret(),
        s.envSecret(),
        s.serviceAccount(),
        s.ttlSecondsAfterFinished(),
        s.runAsUser(),
        s.readOnlyRootFilesystem(),
        s.nodeSelector(),
        s.cacheClaim(),
        s.utilityImage(),
        s.utilityCommand(),
        cacheMaxBytes,
        cacheMaxAge,
        s.govulndbClaim());
  }

  String cloneUrl(String repo) {
    return cloneUrl.replace("{repo}", repo);
  }
}
