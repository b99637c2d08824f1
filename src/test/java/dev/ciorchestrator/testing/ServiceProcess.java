package dev.ciorchestrator.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, built by {@code mvn package}
 * before the integration tests) as a real process of this machine: started with the settings a test
 * gives, stopped gracefully (SIGTERM) or killed ({@code kill -9}), and started again on the same
 * port and folders. Each start logs to its own file under the test's folder.
 *
 * <p>{@link #of} gives the forge's test users their tokens ({@link TestUsers}), so a test acts as
 * one in one line: {@code service.send(service.request(path, "alice").POST(...).build())}. {@link
 * #inFolder} starts it as a person does, from a folder, with nothing but the settings given.
 */
public final class ServiceProcess implements AutoCloseable {
  public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  private static final Duration HANG_GUARD = Duration.ofSeconds(120);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Path dir;
  private final Path workDir;
  private final int port;
  private final Map<String, String> settings;
  private final Map<String, String> env;
  private final List<String> jvmOptions;
  private Process process;
  private Path log;
  private int starts;

  private ServiceProcess(
      Path dir,
      Path workDir,
      Map<String, String> settings,
      Map<String, String> env,
      List<String> jvmOptions)
      throws IOException {
    this.dir = dir;
    this.workDir = workDir;
    this.port = freePort();
    this.settings = settings;
    this.env = env;
    this.jvmOptions = jvmOptions;
  }

  /**
   * A service whose settings are {@code settings} (as {@code -D} options) on a free port of
   * 127.0.0.1, with the demo off and the {@link TestUsers} with their tokens (any other user's
   * token is generated under {@code dir}); not yet started.
   */
  public static ServiceProcess of(Path dir, Map<String, String> settings) throws IOException {
    return of(dir, settings, Map.of(), List.of());
  }

  /**
   * @param env added to the service's environment (which is otherwise this JVM's)
   * @param jvmOptions such as {@code -Xmx192m}
   */
  public static ServiceProcess of(
      Path dir, Map<String, String> settings, Map<String, String> env, List<String> jvmOptions)
      throws IOException {
    if (!Files.exists(JAR)) {
      throw new AssertionError(JAR + " is missing: it is built by mvn package");
    }
    Map<String, String> all = new LinkedHashMap<>();
    all.put("ci.demo.enabled", "false");
    all.put("quarkus.http.host", "127.0.0.1");
    all.put("ci.forge.local.tokens-dir", dir.resolve("tokens").toString());
    all.put("ci.reports.dir", dir.resolve("reports").toString());
    all.put("ci.cache.dir", dir.resolve("caches").toString());
    all.putAll(TestUsers.settings());
    all.putAll(settings);
    return new ServiceProcess(dir, null, Map.copyOf(all), Map.copyOf(env), List.copyOf(jvmOptions));
  }

  /**
   * The service as a person starts it: from {@code workDir} (its relative paths, such as {@code
   * .ci-orchestrator/}, resolve there), on a free port, with no setting but {@code settings}: the
   * built-in defaults for the rest, the bind address and the demo included.
   */
  public static ServiceProcess inFolder(Path workDir, Map<String, String> settings)
      throws IOException {
    if (!Files.exists(JAR)) {
      throw new AssertionError(JAR + " is missing: it is built by mvn package");
    }
    return new ServiceProcess(workDir, workDir, Map.copyOf(settings), Map.of(), List.of());
  }

  /** Starts the service and waits until {@code /q/health/ready} answers 200. */
  public ServiceProcess start() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running as pid " + process.pid());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dquarkus.http.port=" + port);
    settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    starts++;
    log = dir.resolve("service-" + starts + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    builder.environment().putAll(env);
    process = builder.start();
    waitFor("the service is ready", () -> status("/q/health/ready") == 200);
    return this;
  }

  /** SIGTERM, as systemd or the kubelet stops it; waits for the JVM to exit. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the service did not exit on SIGTERM\n" + log());
    }
    return process.exitValue();
  }

  /** {@code kill -9}: the JVM gets no chance to clean up. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The current (or last) start's console output. */
  public String log() {
    try {
      return log == null ? "" : Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The status code of {@code GET path}, or -1 if nothing answered. */
  public int status(String path) {
    try {
      return send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Sends {@code request} (any headers the test sets) and returns the answer as text. */
  public HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** A request to {@code path} of this service, for the test to finish and {@link #send}. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
  }

  /** As {@link #request(String)}, acting as {@code user} of {@link TestUsers} with their token. */
  public HttpRequest.Builder request(String path, String user) {
    return request(path).header("Authorization", TestUsers.bearer(user));
  }

  /**
   * Polls until {@code done}; fails if the service died meanwhile, and after a guard against hangs,
   * showing the service's log.
   */
  public void waitFor(String what, BooleanSupplier done) throws InterruptedException {
    Instant deadline = Instant.now().plus(HANG_GUARD);
    while (!done.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new AssertionError(what + ": the service exited\n" + log());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached within " + HANG_GUARD + ": " + what + "\n" + log());
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly(); // no time left to wait: never leave a service behind
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
