package dev.ciorchestrator.executor.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.executor.process.Launcher;
import dev.ciorchestrator.executor.process.ProcessSpec;
import dev.ciorchestrator.executor.process.SupervisorDir;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine command line, built without an engine. */
class ContainerLauncherTest {
  static final Path WS = Path.of("/work/ws/run-1");
  static final Path SCRIPT = Path.of("/work/logs/run-1.log.sh");

  static Launcher.Launch launch(Job.Resources resources) {
    Job job =
        new Job(
            "unit",
            List.of("demo/app"),
            new Job.Triggers(null, null, null, "/test unit"),
            null,
            true,
            "golang:1.23",
            "go test ./...",
            Map.of(),
            Duration.ofMinutes(1),
            0,
            resources,
            0,
            null,
            List.of(),
            SourcePosition.ofFile("jobs.yaml"));
    ProcessSpec process =
        new ProcessSpec(
            WS,
            "go test ./...",
            Map.of("RUN_ID", "run-1", "PATH", "/usr/local/go/bin:/bin"),
            Duration.ofMinutes(1),
            Path.of("/work/logs/run-1.log"));
    return new Launcher.Launch(
        "run-1", job, process, new SupervisorDir(Path.of("/work/supervised/container/run-1")));
  }

  static ContainerEngine engine(ContainerEngine.Kind kind) {
    return new ContainerEngine(
        kind,
        "",
        "runc",
        "none",
        "never",
        List.of("--cap-drop", "ALL"),
        "sh",
        Map.of("CONTAINERS_CONF", "/etc/ci/containers.conf"),
        Duration.ofSeconds(2));
  }

  @Test
  void podmanTakesTheRuntimeAsAGlobalFlag() {
    List<String> argv =
        ContainerLauncher.runArgs(
            engine(ContainerEngine.Kind.PODMAN),
            launch(new Job.Resources("500m", "1Gi")),
            "ci-run-1",
            SCRIPT,
            false);

    assertThat(String.join(" ", argv))
        .isEqualTo(
            "podman --runtime runc run --name ci-run-1"
                + " --label ci-orchestrator.dev/run=run-1"
                + " --label app.kubernetes.io/managed-by=ci-orchestrator"
                + " -v /work/ws/run-1:/workspace -w /workspace"
                + " -v /work/logs/run-1.log.sh:/ci-orchestrator/run.sh:ro"
                + " -e PATH=/usr/local/go/bin:/bin -e RUN_ID=run-1"
                + " --network none --pull never --cpus 0.5 --memory 1073741824"
                + " --cap-drop ALL golang:1.23 sh -e /ci-orchestrator/run.sh");
  }

  @Test
  void dockerTakesTheRuntimeOnRunAndNoUnsetFlags() {
    ContainerEngine docker =
        new ContainerEngine(
            ContainerEngine.Kind.DOCKER,
            "/usr/bin/docker",
            "runc",
            "",
            "",
            List.of(),
            "",
            Map.of(),
            Duration.ofSeconds(2));

    List<String> argv =
        ContainerLauncher.runArgs(docker, launch(Job.Resources.NONE), "ci-run-1", SCRIPT, true);

    assertThat(argv).startsWith("/usr/bin/docker", "run", "--rm", "--name");
    assertThat(String.join(" ", argv))
        .endsWith("-e RUN_ID=run-1 --runtime runc golang:1.23 sh -e /ci-orchestrator/run.sh")
        .doesNotContain("--network", "--pull", "--cpus", "--memory");
  }

  @Test
  void theEngineGetsItsOwnEnvironmentNotTheJobsOrTheOrchestratorsSecrets() {
    Map<String, String> env =
        engine(ContainerEngine.Kind.PODMAN)
            .processEnv(Map.of("PATH", "/usr/bin", "GITHUB_TOKEN", "secret", "HOME", "/root"));

    assertThat(env)
        .containsOnly(
            Map.entry("PATH", "/usr/bin"),
            Map.entry("HOME", "/root"),
            Map.entry("CONTAINERS_CONF", "/etc/ci/containers.conf"));
  }

  /**
   * Its engine keeps a container that outlives its CLI: no {@code --rm}, so its exit code can be
   * read after a crash, and a timed-out one is stopped through the engine by the supervisor.
   */
  @Test
  void theSupervisorStopsATimedOutContainerThroughTheEngine() {
    ContainerLauncher launcher =
        new ContainerLauncher(engine(ContainerEngine.Kind.PODMAN), Map.of());

    assertThat(launcher.stopCommand("ci-run-1"))
        .containsExactly("podman", "--runtime", "runc", "stop", "-t", "2", "ci-run-1");
    assertThat(
            ContainerLauncher.runArgs(
                engine(ContainerEngine.Kind.PODMAN),
                launch(Job.Resources.NONE),
                "ci-run-1",
                SCRIPT,
                false))
        .doesNotContain("--rm");
  }

  @Test
  void aMissingEngineIsNamed() {
    assertThat(
            ContainerLauncher.startFailure(
                "podman",
                new IOException(
                    "Cannot run program \"podman\": error=2, No such file or directory")))
        .isEqualTo("container engine 'podman' not found on PATH");
    assertThat(
            ContainerLauncher.startFailure(
                "/opt/podman", new IOException("Cannot run program: error=13, Permission denied")))
        .isEqualTo(
            "cannot start container engine '/opt/podman': Cannot run program: error=13, Permission denied");
  }
}
