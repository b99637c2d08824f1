package dev.ciorchestrator.supply.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.artifact.Blobs;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.supply.Builds;
import dev.ciorchestrator.supply.Digests;
import dev.ciorchestrator.supply.RunFacts;
import dev.ciorchestrator.testing.RequiredTools;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes to a real registry and reads back with skopeo, a client that shares nothing with ours. */
class OciPublishTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void anArtifactSetWithItsReferrersReadsBackWithSkopeo() throws Exception {
    Path skopeo =
        RequiredTools.require("skopeo", "Debian package skopeo: reads back what was pushed");
    Path bin = Files.write(dir.resolve("hello"), new byte[] {0x7f, 'E', 'L', 'F', 1, 2, 3});
    Path notes = Files.writeString(dir.resolve("notes.txt"), "release notes\n");
    List<Manifest.Entry> artifacts =
        List.of(
            Digests.entry("bin/hello", bin, "application/octet-stream"),
            Digests.entry("notes.txt", notes, "text/plain"));
    Blobs blobs = Blobs.of(Map.of("bin/hello", bin, "notes.txt", notes));
    RunFacts run = Builds.facts("run-7", "0123456789abcdef0123456789abcdef01234567");
    byte[] sbom = "{\"bomFormat\":\"CycloneDX\"}".getBytes(StandardCharsets.UTF_8);
    byte[] provenance =
        "{\"payloadType\":\"application/vnd.in-toto+json\"}".getBytes(StandardCharsets.UTF_8);

    try (LocalRegistry registry = LocalRegistry.start(dir)) {
      OciClient client =
          new OciClient(registry.url(), HttpClient.newHttpClient(), Optional.empty());
      OciPublisher.Published published =
          new OciPublisher(client)
              .publish(
                  "demo/hello",
                  run,
                  artifacts,
                  blobs,
                  sbom,
                  provenance,
                  List.of(run.shortSha(), "main"));
      // a second publish of the same run pushes nothing new and keeps one entry per referrer
      new OciPublisher(client)
          .publish("demo/hello", run, artifacts, blobs, sbom, provenance, List.of(run.shortSha()));

      String ref = "docker://" + registry.host() + "/demo/hello:";
      JsonNode manifest = JSON.readTree(inspect(skopeo, ref + "0123456789ab"));
      assertThat(manifest.path("artifactType").asText()).isEqualTo(OciMedia.ARTIFACTS);
      assertThat(manifest.at("/config/mediaType").asText())
          .isEqualTo("application/vnd.oci.empty.v1+json");
      assertThat(manifest.at("/layers/0/digest").asText()).isEqualTo(artifacts.get(0).digest());
      assertThat(manifest.at("/layers/1/mediaType").asText()).isEqualTo("text/plain");
      assertThat(manifest.at("/layers/1/annotations/org.opencontainers.image.title").asText())
          .isEqualTo("notes.txt");
      assertThat(manifest.at("/annotations/dev.ci-orchestrator.run").asText()).isEqualTo("run-7");
      assertThat(manifest.at("/annotations/org.opencontainers.image.revision").asText())
          .isEqualTo(run.headSha());
      assertThat(inspect(skopeo, ref + "main")).isEqualTo(JSON.writeValueAsString(manifest));

      JsonNode referrers =
          JSON.readTree(inspect(skopeo, ref + OciRefs.referrersTag(published.digest())));
      assertThat(referrers.path("manifests").findValuesAsText("artifactType"))
          .containsExactlyInAnyOrder(OciMedia.SBOM, OciMedia.DSSE);
      JsonNode sbomManifest =
          JSON.readTree(
              inspect(
                  skopeo, "docker://" + registry.host() + "/demo/hello@" + published.sbomDigest()));
      assertThat(sbomManifest.at("/subject/digest").asText()).isEqualTo(published.digest());

      Path copy = dir.resolve("copy");
      Builds.run(
          dir,
          Map.of(),
          skopeo.toString(),
          "copy",
          "--src-tls-verify=false",
          ref + "main",
          "dir:" + copy);
      assertThat(copy.resolve(artifacts.get(0).sha256())).hasSameBinaryContentAs(bin);
      assertThat(copy.resolve(artifacts.get(1).sha256())).hasSameBinaryContentAs(notes);
    }
  }

  /** What {@code skopeo inspect --raw} reads at {@code ref}. */
  private String inspect(Path skopeo, String ref) throws Exception {
    return Builds.run(
        dir, Map.of(), skopeo.toString(), "inspect", "--raw", "--tls-verify=false", ref);
  }
}
