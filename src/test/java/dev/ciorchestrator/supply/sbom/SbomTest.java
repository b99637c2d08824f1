package dev.ciorchestrator.supply.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.artifact.Blobs;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.supply.Builds;
import dev.ciorchestrator.supply.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:02:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aGoBinaryListsItsModulesWithTheirGoSumHashes() throws Exception {
    Path binary = Builds.goBinary(dir);
    Manifest.Entry artifact = Digests.entry("bin/hello", binary, "application/octet-stream");

    JsonNode sbom = generate(List.of(artifact), Blobs.of(Map.of("bin/hello", binary)), null);

    JsonNode dep = component(sbom, "pkg:golang/example.com/greeting@v1.2.0");
    String h1 = Builds.goSumHash(dir).substring(3);
    assertThat(dep.at("/hashes/0/alg").asText()).isEqualTo("SHA-256");
    assertThat(dep.at("/hashes/0/content").asText())
        .isEqualTo(HexFormat.of().formatHex(Base64.getDecoder().decode(h1)));
    // go itself reads the same build info
    String goSays = Builds.run(dir, Map.of(), "go", "version", "-m", binary.toString());
    assertThat(goSays)
        .contains("dep\t" + Builds.GO_DEP + "\t" + Builds.GO_DEP_VERSION + "\th1:" + h1);
    JsonNode self = component(sbom, "artifact:bin/hello");
    assertThat(self.at("/hashes/0/content").asText()).isEqualTo(artifact.sha256());
    assertThat(property(self, "ci-orchestrator:go-main-module")).isEqualTo("example.com/hello");
    assertThat(dependsOn(sbom, "artifact:bin/hello")).containsExactly(dep.path("bom-ref").asText());
  }

  @Test
  void aCBinaryListsTheDebianPackagesOfItsLibraries() throws Exception {
    Path binary = Builds.cBinary(dir);
    String libc = Builds.run(dir, Map.of(), "dpkg-query", "-W", "-f", "${Version}", "libc6:amd64");

    JsonNode sbom =
        generate(
            List.of(Digests.entry("hello", binary, null)), Blobs.of(Map.of("hello", binary)), null);

    // purl percent-encodes the version's '+'
    JsonNode libc6 =
        component(sbom, "pkg:deb/debian/libc6@" + libc.replace("+", "%2B") + "?arch=amd64");
    assertThat(libc6.path("version").asText()).isEqualTo(libc);
    List<String> libraries = new ArrayList<>();
    libc6.path("properties").forEach(p -> libraries.add(p.path("value").asText()));
    assertThat(libraries).contains("libc.so.6", "libm.so.6");
    assertThat(Builds.run(dir, Map.of(), "readelf", "-d", binary.toString()))
        .contains("Shared library: [libm.so.6]", "Shared library: [libc.so.6]");
    assertThat(dependsOn(sbom, "artifact:hello")).containsExactly(libc6.path("bom-ref").asText());
  }

  @Test
  void declaredComponentsAndPlainFilesAreListed() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Files.writeString(
        workspace.resolve("sbom-components.yaml"),
        """
        components:
          - name: miniz
            version: "3.0.2"
            purl: pkg:github/richgel999/miniz@3.0.2
            license: MIT
          - {name: house-lib, version: "7", license: "Our own terms", description: vendored}
        """);
    Path notes = Files.writeString(workspace.resolve("notes.txt"), "not a binary\n");

    JsonNode sbom =
        generate(
            List.of(Digests.entry("notes.txt", notes, "text/plain")),
            Blobs.of(Map.of("notes.txt", notes)),
            workspace);

    assertThat(
            component(sbom, "pkg:github/richgel999/miniz@3.0.2")
                .at("/licenses/0/license/id")
                .asText())
        .isEqualTo("MIT");
    assertThat(component(sbom, "declared:house-lib@7").at("/licenses/0/license/name").asText())
        .isEqualTo("Our own terms");
    assertThat(component(sbom, "artifact:notes.txt").path("type").asText()).isEqualTo("file");
  }

  @Test
  void aWrongDeclaredComponentNamesLineAndField() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Files.writeString(
        workspace.resolve("sbom-components.yaml"), "components:\n  - name: a\n    versoin: 1\n");
    Path notes = Files.writeString(workspace.resolve("n"), "x");

    assertThatThrownBy(
            () ->
                Sbom.generate(
                    Builds.facts("r1", "abc"),
                    List.of(Digests.entry("n", notes, null)),
                    Blobs.of(Map.of("n", notes)),
                    workspace,
                    NOW))
        .isInstanceOf(SbomException.class)
        .hasMessage("sbom-components.yaml:3:5: components[0].versoin: unknown field");
  }

  private JsonNode generate(List<Manifest.Entry> artifacts, Blobs blobs, Path workspace)
      throws Exception {
    byte[] json =
        Sbom.generate(Builds.facts("run-1", "0123456789abcdef"), artifacts, blobs, workspace, NOW);
    assertThat(CycloneDxSchema.errors(json)).as("CycloneDX 1.6 schema").isEmpty();
    JsonNode sbom = JSON.readTree(json);
    assertThat(sbom.path("specVersion").asText()).isEqualTo("1.6");
    return sbom;
  }

  private static JsonNode component(JsonNode sbom, String ref) {
    for (JsonNode c : sbom.path("components")) {
      if (c.path("bom-ref").asText().equals(ref)) {
        return c;
      }
    }
    throw new AssertionError("no component " + ref + " in " + sbom.path("components"));
  }

  private static List<String> dependsOn(JsonNode sbom, String ref) {
    List<String> out = new ArrayList<>();
    for (JsonNode d : sbom.path("dependencies")) {
      if (d.path("ref").asText().equals(ref)) {
        d.path("dependsOn").forEach(x -> out.add(x.asText()));
      }
    }
    return out;
  }

  private static String property(JsonNode component, String name) {
    for (JsonNode p : component.path("properties")) {
      if (p.path("name").asText().equals(name)) {
        return p.path("value").asText();
      }
    }
    return "";
  }
}
