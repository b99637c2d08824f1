package dev.ciorchestrator.executor.kubernetes;

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
    Optional<String> cacheClaim) {
  public RenderOptions {
    Objects.requireNonNull(initImage, "initImage");
    Objects.requireNonNull(cloneUrl, "cloneUrl");
    nodeSelector = Map.copyOf(nodeSelector);
    cacheClaim = cacheClaim == null ? Optional.empty() : cacheClaim;
  }

  /** These options with the caches in PersistentVolumeClaim {@code claim}. */
  public RenderOptions withCacheClaim(String claim) {
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
        Optional.of(claim));
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
    RenderOptions options = unchecked(s);
    List<String> problems = SettingsCheck.problems(options, s.namespace());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid Kubernetes executor settings: " + String.join("; ", problems));
    }
    return options;
  }

  private static RenderOptions unchecked(KubernetesExecutorSettings s) {
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
        s.cacheClaim());
  }

  String cloneUrl(String repo) {
    return cloneUrl.replace("{repo}", repo);
  }
}
