package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.artifact.Blobs;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.supply.Builds;
import dev.ciorchestrator.supply.Digests;
import dev.ciorchestrator.supply.RunFacts;
import dev.ciorchestrator.supply.chain.SupplyChain;
import dev.ciorchestrator.supply.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} on downloaded files: each way a check fails says what failed, with exit 1. */
class VerifyCommandTest {
  private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
  @TempDir Path dir;
  private final SigningKey key = SigningKey.generate();
  private Path download;
  private Path pub;

  @BeforeEach
  void aRunsArtifactsDownloadedIntoAFolder() throws Exception {
    download = Files.createDirectories(dir.resolve("download"));
    Path built = Files.createDirectories(dir.resolve("ws/bin"));
    Files.writeString(built.resolve("hello"), "#!/bin/sh\necho hello\n");
    Files.writeString(built.resolve("other"), "another file\n");
    produce("run-1", "bin/hello", built.resolve("hello"), download);
    Files.copy(built.resolve("hello"), download.resolve("hello"));
    Files.copy(
        dir.resolve("out-run-1/signatures/bin/hello.minisig"), download.resolve("hello.minisig"));
    pub = Files.writeString(dir.resolve("pub.pem"), key.publicPem());
  }

  @Test
  void aGenuineArtifactVerifiesAndSaysWhoBuiltItFromWhat() {
    CliRun run = CliRun.of("verify", download.resolve("hello").toString(), "--key", pub.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("ok: " + download.resolve("hello"))
        .contains("minisign   hello.minisig verifies")
        .contains("sbom       sbom.cdx.json is the run's SBOM and lists this file")
        .contains("built by   http://ci.example/, run run-1")
        .contains("source     acme/hello refs/heads/main at " + SHA)
        .contains("job        build, trigger push, caused by alice")
        .contains("config     c0ffee");
  }

  @Test
  void aTamperedArtifactFails() throws Exception {
    Files.writeString(download.resolve("hello"), "#!/bin/sh\necho pwned\n");

    CliRun run = CliRun.of("verify", download.resolve("hello").toString(), "--key", pub.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("FAILED: hello: sha256 ")
        .contains("the file was changed after the run built it");
  }

  @Test
  void anotherKeyFails() throws Exception {
    Path other = Files.writeString(dir.resolve("other.pem"), SigningKey.generate().publicPem());

    CliRun run =
        CliRun.of("verify", download.resolve("hello").toString(), "--key", other.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("FAILED: ")
        .contains("no signature verifies with the given key");
  }

  @Test
  void anotherRunsProvenanceFails() throws Exception {
    Path elsewhere = dir.resolve("elsewhere");
    produce("run-2", "bin/other", dir.resolve("ws/bin/other"), elsewhere);

    CliRun run =
        CliRun.of(
            "verify",
            download.resolve("hello").toString(),
            "--key",
            pub.toString(),
            "--provenance",
            elsewhere.resolve("provenance.intoto.json").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("is not a subject of").contains("it names [bin/other]");
  }

  @Test
  void anotherRunsSbomFails() throws Exception {
    Path elsewhere = dir.resolve("elsewhere");
    produce("run-2", "bin/hello", download.resolve("hello"), elsewhere);

    CliRun run =
        CliRun.of(
            "verify",
            download.resolve("hello").toString(),
            "--key",
            pub.toString(),
            "--sbom",
            elsewhere.resolve("sbom.cdx.json").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("is not the SBOM the provenance names");
  }

  @Test
  void unreadableInputIsAUsageError() {
    assertThat(CliRun.of("verify").exit()).isEqualTo(2);
    CliRun noKey =
        CliRun.of(
            "verify",
            download.resolve("hello").toString(),
            "--key",
            dir.resolve("nope.pem").toString());
    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err()).contains("--key: cannot read " + dir.resolve("nope.pem"));
    CliRun noProvenance =
        CliRun.of(
            "verify",
            download.resolve("hello").toString(),
            "--key",
            pub.toString(),
            "--provenance",
            dir.resolve("missing.json").toString());
    assertThat(noProvenance.exit()).isEqualTo(2);
    assertThat(noProvenance.err()).contains("no provenance: " + dir.resolve("missing.json"));
    CliRun notARef = CliRun.of("verify", "nothing-here", "--key", pub.toString());
    assertThat(notARef.exit()).isEqualTo(2);
    assertThat(notARef.err()).contains("nothing-here: no such file, and not an OCI reference");
  }

  private void produce(String runId, String name, Path file, Path into) throws Exception {
    List<Manifest.Entry> artifacts = List.of(Digests.entry(name, file, null));
    RunFacts facts = Builds.facts(runId, SHA);
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    Path out = dir.resolve("out-" + runId);
    SupplyChain.Produced produced =
        new SupplyChain(key, "http://ci.example/", clock)
            .produce(
                facts,
                artifacts,
                Blobs.of(Map.of(name, file)),
                null,
                new SupplyChain.Wanted(true, true),
                out);
    Files.createDirectories(into);
    Files.copy(produced.provenance().orElseThrow(), into.resolve("provenance.intoto.json"));
    Files.copy(produced.sbom().orElseThrow(), into.resolve("sbom.cdx.json"));
  }
}
