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
