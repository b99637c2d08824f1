package dev.ciorchestrator.supply.oci;

import dev.ciorchestrator.testing.RequiredTools;
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

/**
 * Debian's docker-registry (distribution 2.8: no referrers API) on a loopback port with its storage
 * in a temp folder, for as long as a test needs it.
 */
public final class LocalRegistry implements AutoCloseable {
  private final Process process;
  private final int port;

  private LocalRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static LocalRegistry start(Path dir) throws Exception {
    Path binary =
        RequiredTools.require(
            "docker-registry",
            "Debian package docker-registry: the real registry artifacts are pushed to");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config =
        Files.writeString(
            dir.resolve("registry.yml"),
            """
        version: 0.1
        log: {level: error}
        storage:
          filesystem: {rootdirectory: %s}
        http:
          addr: 127.0.0.1:%d
        """
                .formatted(dir.resolve("storage"), port));
    Process process =
        new ProcessBuilder(binary.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(process, port);
    registry.awaitReady(dir);
    return registry;
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  public URI url() {
    return URI.create("http://" + host());
  }

  private void awaitReady(Path dir) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant giveUp = Instant.now().plusSeconds(60); // a hang guard, not a timing assertion
    while (Instant.now().isBefore(giveUp)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(url().resolve("/v2/"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    close();
    throw new IllegalStateException("docker-registry did not answer on " + host());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
