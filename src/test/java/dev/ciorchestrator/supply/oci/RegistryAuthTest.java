package dev.ciorchestrator.supply.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.artifact.Blobs;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.supply.Builds;
import dev.ciorchestrator.supply.Digests;
import dev.ciorchestrator.supply.RunFacts;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push through distribution's token auth: challenge, token from the realm with basic auth, retry.
 */
class RegistryAuthTest {
  @TempDir Path dir;

  @Test
  void aPushAnswersTheBearerChallengeWithTheConfiguredCredentials() throws Exception {
    Path file = Files.writeString(dir.resolve("hello"), "hello\n");
    List<Manifest.Entry> artifacts = List.of(Digests.entry("hello", file, null));
    Blobs blobs = Blobs.of(Map.of("hello", file));
    RunFacts run = Builds.facts("run-3", "abcdefabcdefabcdefabcdefabcdefabcdefabcd");
    try (LocalRegistry registry = LocalRegistry.start(dir);
        TokenAuthProxy proxy = new TokenAuthProxy(registry.url(), "bot", "s3cret")) {
      Registries registries =
          new Registries(
              Map.of(
                  "auth",
                  RegistryConfig.of(proxy.url().toString(), true, "bot", "REG_PW"),
                  "anonymous",
                  RegistryConfig.of(proxy.url().toString(), true, null, null)),
              name -> name.equals("REG_PW") ? "s3cret" : null);

      OciPublisher.Published published =
          new OciPublisher(registries.client("auth"))
              .publish("demo/hello", run, artifacts, blobs, null, null, List.of("v1"));

      assertThat(proxy.seen)
          .contains("token service=test&scope=repository:demo/hello:pull,push")
          .contains("forwarded PUT /v2/demo/hello/manifests/v1");
      assertThat(proxy.seen.stream().filter(s -> s.startsWith("token ")))
          .hasSize(1); // the token is reused
      OciClient reader =
          new OciClient(registry.url(), HttpClient.newHttpClient(), Optional.empty());
      assertThat(reader.manifest("demo/hello", "v1").orElseThrow().digest())
          .isEqualTo(published.digest());

      assertThatThrownBy(
              () ->
                  new OciPublisher(registries.client("anonymous"))
                      .publish("demo/hello", run, artifacts, blobs, null, null, List.of("v2")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("/token answered 401 (no credentials configured");
    }
  }
}
