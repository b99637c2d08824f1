package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launcher the build ships ({@code target/quarkus-app/bin/ci-orchestrator}) runs commands
 * through the small main on a plain class path with the class-data-sharing archive; the jar runs
 * them through Quarkus' runner and {@code Main}. Whatever the command, both must print the same
 * bytes and exit with the same code.
 */
class LauncherIT {
  static final Path LAUNCHER = Path.of("target/quarkus-app/bin/ci-orchestrator");
  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

  @TempDir static Path tmp;

  static Stream<Arguments> commands() throws IOException {
    Path broken = Folders.copy(Path.of("examples/ci-repo"), tmp.resolve("broken"));
    Files.writeString(
        broken.resolve("jobs/broken.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: lint
        repos: [demo/hello-go]
        run: make lint
        when: "change.aprovals > 1"
        """);
    return Stream.of(
        Arguments.of(List.of("validate", "examples/ci-repo")),
        Arguments.of(List.of("validate", broken.toString())),
        Arguments.of(List.of("validate", "no/such/folder")),
        Arguments.of(List.of("validate")),
        Arguments.of(List.of("test", "policies")),
        Arguments.of(List.of("diff", "examples/ci-repo", broken.toString())),
        Arguments.of(List.of("help")),
        Arguments.of(List.of("bogus")));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void theLauncherAnswersAsTheJarDoes(List<String> args) throws Exception {
    Result viaJar = run(List.of(javaBin(), "-jar", JAR.toString()), args);
    Result viaLauncher = run(List.of(LAUNCHER.toString()), args);

    assertThat(viaLauncher).isEqualTo(viaJar);
    assertThat(viaJar.out() + viaJar.err()).as("the command ran").isNotEmpty();
  }

  @Test
  void theCommandsClassesComeFromTheArchive() throws Exception {
    assertThat(Path.of("target/quarkus-app/lib/cli.jsa")).as("dumped by the build").exists();
    // A class path that differs from the dump's makes the JVM skip the archive, silently.
    Result r =
        run(
            List.of(LAUNCHER.toString()),
            List.of("validate", "examples/ci-repo"),
            "JAVA_TOOL_OPTIONS",
            "-Xlog:class+load=info");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("dev.ciorchestrator.cli.CliMain source: shared objects file");
    // The archive is dumped by another command (test): it must still hold what validate loads,
    // cel-java, protobuf, ANTLR and SnakeYAML above all (about 3,800 classes).
    assertThat(r.out())
        .contains(
            "dev.cel.checker.ExprChecker source: shared objects file",
            "cel.parser.internal.CELParser source: shared objects file",
            "com.google.protobuf.Descriptors source: shared objects file",
            "org.yaml.snakeyaml.composer.Composer source: shared objects file");
    List<String> fromJars =
        r.out()
            .lines()
            .filter(l -> l.contains(" source: file:") || l.contains(" source: jar:"))
            .toList();
    assertThat(fromJars).as("classes read from jars, not the archive").hasSizeLessThan(10);
  }

  @Test
  void aMovedInstallStillAnswersAsTheJarDoes() throws Exception {
    // Its archive no longer matches the class path, which the JVM would say on stdout.
    Path moved = Folders.copy(LAUNCHER.getParent().getParent(), tmp.resolve("moved"));
    List<String> args = List.of("validate", "examples/ci-repo");

    Result viaMoved = run(List.of("bash", moved.resolve("bin/ci-orchestrator").toString()), args);

    assertThat(viaMoved).isEqualTo(run(List.of(javaBin(), "-jar", JAR.toString()), args));
  }

  @Test
  void theServiceGetsABoundedHeapAndTheSerialCollectorUnlessJavaOptsChoose() throws Exception {
    assertThat(serviceOptions("")).contains("-Xmx192m", "-Xms64m", "-Xmn24m", "-XX:+UseSerialGC");
    assertThat(serviceOptions("-Xmx256m -XX:+UseG1GC"))
        .contains("-Xmx256m", "-XX:+UseG1GC")
        .doesNotContain("-Xmx192m", "-Xms64m", "-Xmn24m", "-XX:+UseSerialGC");
    assertThat(serviceOptions("-Xmn64m"))
        .as("a young generation of its own keeps our heap bound, not our young one")
        .contains("-Xmx192m", "-Xmn64m", "-XX:+UseSerialGC")
        .doesNotContain("-Xmn24m");
  }

  /** The JVM options of the service the launcher started, once it is ready; then stops it. */
  private static List<String> serviceOptions(String javaOpts) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path home = Files.createTempDirectory(tmp, "home");
    String settings =
        "-Dquarkus.http.port=%d -Dci.demo.enabled=false -Dci.config.repo-url=%s"
            .formatted(port, Path.of("examples/ci-repo").toAbsolutePath());
    ProcessBuilder builder =
        new ProcessBuilder(LAUNCHER.toAbsolutePath().toString(), "serve")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("service.log").toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("JAVA_OPTS", (javaOpts + " " + settings).strip());
    Process service = builder.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest ready =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
              .timeout(Duration.ofSeconds(5))
              .build();
      long guard = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (!isUp(http, ready)) {
        assertThat(service.isAlive()).as(Files.readString(home.resolve("service.log"))).isTrue();
        assertThat(System.nanoTime()).as("ready within the hang guard").isLessThan(guard);
        Thread.sleep(200);
      }
      // The launcher execs the JVM, so the process started is the service itself.
      return List.of(service.info().arguments().orElseThrow());
    } finally {
      service.destroy();
      assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }
  }

  private static boolean isUp(HttpClient http, HttpRequest ready) throws InterruptedException {
    try {
      return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  record Result(int exit, String out, String err) {}

  static Result run(List<String> launch, List<String> args, String... env)
      throws IOException, InterruptedException {
    assertThat(JAR).as("built by mvn package").exists();
    List<String> command = new ArrayList<>(launch);
    command.addAll(args);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    for (int i = 0; i + 1 < env.length; i += 2) {
      builder.environment().put(env[i], env[i + 1]);
    }
    Process p = builder.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished within 120 s").isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
