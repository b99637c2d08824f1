package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, as a pre-commit hook runs it: Quarkus' runner must hand {@code validate} and
 * {@code test} to our main untouched (no boot, no log lines) and pass the exit code through.
 */
class CliJarIT {
  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

  @Test
  void validatePrintsOnlyItsSummary() throws Exception {
    Result r = run("validate", "examples/ci-repo");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("ok: 2 repositories, 17 jobs, 7 policies\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void testRunsThePolicyTests() throws Exception {
    Result r = run("test", "policies");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("PASS require-approvals / one approval passes")
        .endsWith(" cases passed\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void exitCodesReachTheShell() throws Exception {
    assertThat(run("validate", "no/such/folder").exit()).isEqualTo(Cli.FAILED);
    assertThat(run("bogus").exit()).isEqualTo(Cli.USAGE);
  }

  @Test
  void changeSaysWhenTheServiceIsNotRunning() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Result r = run("change", "list", "demo/app", "--server", "http://localhost:" + port);
    assertThat(r.exit()).isEqualTo(Cli.FAILED);
    assertThat(r.err()).contains("is the service running? (ci-orchestrator serve)");
    assertThat(r.out()).isEmpty();
  }

  /** What a Kubernetes run's pod runs from the controller's image, as that image starts it. */
  @Test
  void podCacheRestoresAndSavesThroughTheJar() throws Exception {
    Path dir = Files.createTempDirectory("pod-cache");
    Path ws = Files.createDirectories(dir.resolve("workspace"));
    Files.writeString(ws.resolve("go.sum"), "v1\n");
    String request =
        new dev.ciorchestrator.cache.PodCaches.Request(
                "demo/app",
                "unit",
                "kubernetes|golang:1.23",
                "trusted",
                List.of(
                    new dev.ciorchestrator.config.model.JobQuality.Cache(
                        "gobuild", "", "GOCACHE", List.of("go.sum"))),
                Long.MAX_VALUE,
                java.time.Duration.ofDays(7))
            .toJson();
    List<String> common =
        List.of(
            "--request", request,
            "--claim", dir.resolve("claim").toString(),
            "--workspace", ws.toString(),
            "--plan", dir.resolve("plan.json").toString(),
            "--message", dir.resolve("message").toString());
    List<String> restore = new ArrayList<>(List.of("pod", "cache", "restore"));
    restore.addAll(common);
    assertThat(run(restore.toArray(String[]::new)).out()).contains("caches hits=0 misses=1");
    Files.writeString(ws.resolve(".ci-cache/gobuild/built"), "object");
    Files.writeString(dir.resolve("exit-code"), "0\n");
    List<String> save = new ArrayList<>(List.of("pod", "cache", "save"));
    save.addAll(common);
    save.addAll(List.of("--exit-file", dir.resolve("exit-code").toString(), "--wait", "10"));

    Result saved = run(save.toArray(String[]::new));

    assertThat(saved.exit()).as(saved.err()).isZero();
    assertThat(saved.out()).contains("saved=1 saved-bytes=6");
    assertThat(Files.readString(dir.resolve("message"))).isEqualTo(saved.out());
    org.eclipse.jgit.util.FileUtils.delete(dir.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("built by mvn package").exists();
    List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
    Result result =
        new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
