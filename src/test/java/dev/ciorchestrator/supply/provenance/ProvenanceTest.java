package dev.ciorchestrator.supply.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.supply.RunFacts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @Test
  void theStatementNamesEveryArtifactTheRunAndItsInputs() throws Exception {
    RunFacts run =
        new RunFacts(
            "run-42",
            "acme/hello",
            "https://forge.example/acme/hello.git",
            17,
            "",
            "1111111111111111111111111111111111111111",
            "2222222222222222222222222222222222222222",
            "c-build",
            "pull_request",
            "alice",
            "3333333",
            "container",
            "docker.io/library/gcc:12",
            "sha256:" + B,
            Instant.parse("2026-12-01T10:00:00Z"),
            Instant.parse("2026-12-01T10:05:00Z"),
            List.of(new RunFacts.Upstream("c-test", "report.xml", B)));
    List<Manifest.Entry> artifacts =
        List.of(new Manifest.Entry("bin/hello", 10, "sha256:" + A, "application/octet-stream"));

    JsonNode s =
        JSON.readTree(
            Provenance.statement(
                "https://ci.example",
                run,
                artifacts,
                new Provenance.Byproduct("sbom.cdx.json", B, "application/vnd.cyclonedx+json")));

    assertThat(s.path("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(s.path("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(s.at("/subject/0/name").asText()).isEqualTo("bin/hello");
    assertThat(s.at("/subject/0/digest/sha256").asText()).isEqualTo(A);
    JsonNode p = s.path("predicate");
    assertThat(p.at("/runDetails/builder/id").asText()).isEqualTo("https://ci.example");
    assertThat(p.at("/runDetails/metadata/invocationId").asText()).isEqualTo("run-42");
    assertThat(p.at("/runDetails/byproducts/0/digest/sha256").asText()).isEqualTo(B);
    JsonNode params = p.at("/buildDefinition/externalParameters");
    assertThat(params.path("repository").asText()).isEqualTo("acme/hello");
    assertThat(params.path("change").asLong()).isEqualTo(17);
    assertThat(params.path("baseSha").asText()).startsWith("2222");
    assertThat(params.path("trigger").asText()).isEqualTo("pull_request");
    assertThat(params.path("causedBy").asText()).isEqualTo("alice");
    assertThat(params.path("configRevision").asText()).isEqualTo("3333333");
    JsonNode deps = p.at("/buildDefinition/resolvedDependencies");
    assertThat(deps.get(0).path("uri").asText())
        .isEqualTo(
            "git+https://forge.example/acme/hello.git@1111111111111111111111111111111111111111");
    assertThat(p.at("/buildDefinition/internalParameters/image").isMissingNode()).isTrue();
    assertThat(deps.get(0).at("/digest/gitCommit").asText()).startsWith("1111");
    assertThat(deps.get(1).path("uri").asText()).isEqualTo("oci://docker.io/library/gcc:12");
    assertThat(deps.get(1).at("/digest/sha256").asText()).isEqualTo(B);
    assertThat(deps.get(2).path("name").asText()).isEqualTo("c-test/report.xml");
  }

  @Test
  void aProcessRunSaysItHadNoImageAndAnUnknownCloneUrlIsNoUri() throws Exception {
    RunFacts run =
        new RunFacts(
            "run-7",
            "acme/hello",
            "",
            0,
            "refs/heads/main",
            "1111111111111111111111111111111111111111",
            "",
            "c-test",
            "push",
            "alice",
            "3333333",
            "process",
            "",
            "",
            null,
            null,
            List.of());

    JsonNode s = JSON.readTree(Provenance.statement("https://ci.example", run, List.of(), null));

    JsonNode definition = s.at("/predicate/buildDefinition");
    assertThat(definition.at("/internalParameters/image").asText()).isEqualTo(Provenance.NO_IMAGE);
    JsonNode deps = definition.path("resolvedDependencies");
    assertThat(deps).hasSize(1);
    assertThat(deps.get(0).has("uri")).isFalse();
    assertThat(deps.get(0).path("name").asText()).isEqualTo("acme/hello");
    assertThat(deps.get(0).at("/digest/gitCommit").asText()).startsWith("1111");
  }
}
