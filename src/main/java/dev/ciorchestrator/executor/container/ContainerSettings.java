package dev.ciorchestrator.executor.container;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment settings of the container executor ({@code ci.executor.container.*}). It shares the
 * local executor's work dir ({@code ci.executor.local.work-dir}) for workspaces and logs, and runs
 * only where {@code ci.executor.enabled} lists {@code container}.
 */
@ConfigMapping(prefix = "ci.executor.container")
public interface ContainerSettings {
  /** {@code podman} or {@code docker}: whose CLI is called, and where its flags go. */
  @WithDefault("podman")
  ContainerEngine.Kind engine();

  /** The CLI to run, a name on PATH or a path; the engine's own name when unset. */
  Optional<String> command();

  /** The OCI runtime ({@code runc}, {@code crun}); the engine's default when unset. */
  Optional<String> runtime();

  /** {@code --network} of every job container ({@code none}, {@code bridge}, {@code host}). */
  Optional<String> network();

  /**
   * {@code --pull} policy: {@code missing} (the engines' default), {@code always}, {@code never}
   * (no registry: only images already on the machine).
   */
  Optional<String> pull();

  /** Added to {@code run} just before the image, one argument per item ({@code --cap-drop,ALL}). */
  Optional<List<String>> extraArgs();

  /** Runs the job's script in the image, with {@code -e}; it must exist in every job image. */
  @WithDefault("sh")
  String shell();

  /**
   * Added to the engine CLI's environment, which otherwise holds only PATH, HOME, LANG, TMPDIR and
   * XDG_RUNTIME_DIR: {@code
   * ci.executor.container.engine-env.CONTAINERS_CONF=/etc/ci/containers.conf}.
   */
  Map<String, String> engineEnv();

  /** How long a timed-out or cancelled container gets between SIGTERM and SIGKILL. */
  @WithDefault("2s")
  Duration killGrace();

  default ContainerEngine toEngine() {
    return new ContainerEngine(
        engine(),
        command().orElse(""),
        runtime().orElse(""),
        network().orElse(""),
        pull().orElse(""),
        extraArgs().orElse(List.of()),
        shell(),
        engineEnv(),
        killGrace());
  }
}
