package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.artifact.Blobs;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.supply.Builds;
import dev.ciorchestrator.supply.Digests;
import dev.ciorchestrator.supply.RunFacts;
import dev.ciorchestrator.supply.chain.SupplyChain;
import dev.ciorchestrator.supply.oci.LocalRegistry;
import dev.ciorchestrator.supply.oci.OciClient;
import dev.ciorchestrator.supply.oci.OciPublisher;
import dev.ciorchestrator.supply.sign.SigningKey;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} of a published artifact set, through the registry's referrers tag fallback. */
class VerifyOciTest {
  @TempDir Path dir;

  @Test
  void aPublishedSetVerifiesWithItsKeyOnly() throws Exception {
    SigningKey key = SigningKey.generate();
    Path file = Files.writeString(dir.resolve("hello"), "#!/bin/sh\necho hi\n");
    List<Manifest.Entry> artifacts = List.of(Digests.entry("bin/hello", file, null));
    RunFacts run = Builds.facts("run-9", "fedcba9876543210fedcba9876543210fedcba98");
    SupplyChain.Produced produced =
        new SupplyChain(key, "http://ci.example/", Clock.systemUTC())
            .produce(
                run,
                artifacts,
                Blobs.of(Map.of("bin/hello", file)),
                null,
                new SupplyChain.Wanted(true, true),
                dir.resolve("out"));
    Path pub = Files.writeString(dir.resolve("pub.pem"), key.publicPem());
    Path other = Files.writeString(dir.resolve("other.pem"), SigningKey.generate().publicPem());

    try (LocalRegistry registry = LocalRegistry.start(dir)) {
      new OciPublisher(new OciClient(registry.url(), HttpClient.newHttpClient(), Optional.empty()))
          .publish(
              "demo/hello",
              run,
              artifacts,
              Blobs.of(Map.of("bin/hello", file)),
              produced.sbomBytes().orElseThrow(),
              produced.provenanceBytes().orElseThrow(),
              List.of(run.shortSha()));
      String ref = registry.host() + "/demo/hello:" + run.shortSha();

      CliRun ok = CliRun.of("verify", ref, "--insecure", "--key", pub.toString());
      assertThat(ok.exit()).as(ok.err()).isZero();
      assertThat(ok.out())
          .contains("artifact   bin/hello sha256:" + artifacts.get(0).sha256())
          .contains("SBOM linked")
          .contains("run run-9")
          .contains("at " + run.headSha());

      CliRun wrongKey =
          CliRun.of("verify", "oci://" + ref, "--insecure", "--key", other.toString());
      assertThat(wrongKey.exit()).isEqualTo(1);
      assertThat(wrongKey.err()).contains("no signature verifies with the given key");

      CliRun missing =
          CliRun.of(
              "verify",
              registry.host() + "/demo/hello:nope",
              "--insecure",
              "--key",
              pub.toString());
      assertThat(missing.exit()).isEqualTo(2);
      assertThat(missing.err()).contains("demo/hello:nope: no such manifest");
    }
  }
}
