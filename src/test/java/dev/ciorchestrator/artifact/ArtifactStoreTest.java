package dev.ciorchestrator.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content-addressed store on a real temp folder: digests, quotas, path safety, retention. The
 * folder is its own shelf here; {@link PostgresArtifactStoreTest} runs the same cases on a shared
 * one.
 */
class ArtifactStoreTest {
  static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  static final ArtifactStore.Limits LIMITS =
      new ArtifactStore.Limits(1_000_000, 10_000_000, Duration.ofDays(30));

  @TempDir Path tmp;

  /** Where manifests and content are kept; {@code null}: the store's folder. */
  ArtifactShelf shelf(Clock clock) throws Exception {
    return null;
  }

  ArtifactStore store(ArtifactStore.Limits limits, Instant now) throws Exception {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new ArtifactStore(tmp.resolve("store"), shelf(clock), limits, clock);
  }

  Path workspace() throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Files.createDirectories(ws.resolve("bin"));
    Files.writeString(ws.resolve("bin/hello"), "hello binary");
    Files.writeString(ws.resolve("bin/notes.txt"), "notes");
    Files.writeString(ws.resolve("README.md"), "readme");
    for (String f : List.of("bin/hello", "bin/notes.txt", "README.md")) {
      FileModes.set(ws.resolve(f), 0644); // whatever the umask: the manifests below say 0644
    }
    return ws;
  }

  @Test
  void collectsTheSelectedFilesByDigestWithAManifest() throws Exception {
    ArtifactStore store = store(LIMITS, T0);

    Manifest m = store.collect("run-1", workspace(), List.of("bin/*"));

    assertThat(m.files())
        .containsExactly(
            new Manifest.Entry("bin/hello", 12, sha("hello binary"), "application/octet-stream"),
            new Manifest.Entry("bin/notes.txt", 5, sha("notes"), "text/plain"));
    Path blob = store.blob(sha("hello binary")).orElseThrow();
    assertThat(Files.readString(blob)).isEqualTo("hello binary");
    assertThat(store.manifest("run-1")).contains(m);
    assertThat(store.blob("sha256:" + "0".repeat(64))).isEmpty();
    assertThat(store.blob("sha256:../../etc/passwd")).isEmpty();
    assertThat(store.manifest("../x")).isEmpty();
  }

  @Test
  void filesTheControllerMadeJoinTheRunsManifestUnderItsQuota() throws Exception {
    ArtifactStore store = store(new ArtifactStore.Limits(20, 10_000_000, Duration.ofDays(30)), T0);
    store.collect("run-1", workspace(), List.of("bin/hello"));
    Path sbom = Files.writeString(tmp.resolve("sbom.json"), "{}");

    Manifest m = store.attach("run-1", Map.of(".supply/sbom.json", sbom));

    assertThat(m.files())
        .extracting(Manifest.Entry::path)
        .containsExactly("bin/hello", ".supply/sbom.json");
    assertThat(store.manifest("run-1")).contains(m);
    assertThatThrownBy(() -> store.attach("run-1", Map.of("bin/hello", sbom)))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("the workspace has bin/hello");
    Path big = Files.writeString(tmp.resolve("big.json"), "x".repeat(10));
    assertThatThrownBy(() -> store.attach("run-1", Map.of(".supply/big.json", big)))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("max-run-size (20 bytes)");
    assertThat(store.blob(sha("x".repeat(10)))).as("rolled back").isEmpty();
    assertThat(store.manifest("run-1")).contains(m);
  }

  @Test
  void aBlobChangedOnDiskIsNotHandedOn() throws Exception {
    ArtifactStore store = store(LIMITS, T0);
    Manifest.Entry hello = store.collect("run-1", workspace(), List.of("bin/hello")).files().get(0);
    Path copy = tmp.resolve("in/bin/hello");
    store.copyVerified(hello, copy, "in/bin/hello");
    assertThat(copy).hasContent("hello binary");
    Files.writeString(store.file(hello), "evil");

    assertThatThrownBy(() -> store.copyVerified(hello, copy, "in/bin/hello"))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("in/bin/hello does not match its manifest");
    assertThat(copy).doesNotExist();
  }

  @Test
  void anExecutableScriptIsHandedOnExecutableAndAPrivateFileStaysPrivate() throws Exception {
    Path ws = workspace();
    Files.writeString(ws.resolve("bin/deploy.sh"), "#!/bin/sh\necho deployed\n");
    FileModes.set(ws.resolve("bin/deploy.sh"), 0750);
    FileModes.set(ws.resolve("bin/notes.txt"), 0600);
    ArtifactStore store = store(LIMITS, T0);

    Manifest m = store.collect("run-1", ws, List.of("bin/*"));

    assertThat(m.files())
        .extracting(Manifest.Entry::path, Manifest.Entry::octalMode)
        .containsExactly(
            tuple("bin/deploy.sh", "0750"),
            tuple("bin/hello", "0644"),
            tuple("bin/notes.txt", "0600"));
    assertThat(store.manifest("run-1")).contains(m);
    Path in = tmp.resolve("in");
    for (Manifest.Entry e : m.files()) {
      store.copyVerified(e, in.resolve(e.path()), e.path());
    }
    assertThat(FileModes.of(in.resolve("bin/deploy.sh"))).isEqualTo(0750);
    assertThat(FileModes.of(in.resolve("bin/hello"))).isEqualTo(0644);
    assertThat(FileModes.of(in.resolve("bin/notes.txt"))).isEqualTo(0600);
    Process script = new ProcessBuilder(in.resolve("bin/deploy.sh").toString()).start();
    assertThat(new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("deployed\n");
    assertThat(script.waitFor()).isZero();
  }

  @Test
  void aManifestWrittenBeforeModesWereRecordedReadsAsPlainFiles() throws Exception {
    Path runs = Files.createDirectories(tmp.resolve("store/runs"));
    Files.writeString(
        runs.resolve("run-old.json"),
        """
        {"runId":"run-old","collectedAt":"2026-12-01T10:00:00Z","published":false,
         "files":[{"path":"bin/hello","size":12,"digest":"%s","mediaType":"application/x-executable"}]}
        """
            .formatted(sha("hello binary")));

    Manifest m = store(LIMITS, T0).manifest("run-old").orElseThrow();

    assertThat(m.files().get(0).mode()).isEqualTo(0644);
    assertThat(m.files().get(0).octalMode()).isEqualTo("0644");
  }

  @Test
  void anElfExecutableIsNamedSo() throws Exception {
    Path ws = workspace();
    Files.write(ws.resolve("bin/hello"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});

    Manifest m = store(LIMITS, T0).collect("run-1", ws, List.of("bin/hello"));

    assertThat(m.files().get(0).mediaType()).isEqualTo("application/x-executable");
  }

  @Test
  void aLinkToAFileOutsideTheWorkspaceIsRefused() throws Exception {
    Path ws = workspace();
    Files.createSymbolicLink(ws.resolve("bin/passwd"), Path.of("/etc/passwd"));

    assertThatThrownBy(() -> store(LIMITS, T0).collect("run-1", ws, List.of("bin/*")))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("refused bin/passwd")
        .hasMessageContaining("outside the workspace");
    assertThat(store(LIMITS, T0).manifest("run-1")).isEmpty();
  }

  @Test
  void aLinkedFolderIsNotEnteredAndDotDotGlobsMatchNothingOutside() throws Exception {
    Path ws = workspace();
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "secret");
    Files.createSymbolicLink(ws.resolve("linked"), outside);

    ArtifactStore store = store(LIMITS, T0);
    Manifest m = store.collect("run-1", ws, List.of("linked/**", "../outside/*", "**/secret"));

    assertThat(m.files()).isEmpty();
  }

  @Test
  void aLinkToAFileInsideIsCollectedUnderItsOwnPath() throws Exception {
    Path ws = workspace();
    Files.createSymbolicLink(ws.resolve("bin/latest"), ws.resolve("bin/hello"));

    Manifest m = store(LIMITS, T0).collect("run-1", ws, List.of("bin/latest"));

    assertThat(m.files()).extracting(Manifest.Entry::path).containsExactly("bin/latest");
    assertThat(m.files().get(0).digest()).isEqualTo(sha("hello binary"));
  }

  @Test
  void aRunOverItsQuotaFailsAndKeepsNothing() throws Exception {
    Path ws = workspace();
    Files.write(ws.resolve("bin/big"), new byte[200_000]);
    ArtifactStore store =
        store(new ArtifactStore.Limits(100_000, 10_000_000, Duration.ofDays(1)), T0);

    assertThatThrownBy(() -> store.collect("run-1", ws, List.of("bin/*")))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("bin/big")
        .hasMessageContaining("ci.artifacts.max-run-size (100000 bytes)");
    assertThat(store.manifest("run-1")).isEmpty();
    assertThat(Files.list(tmp.resolve("store/blobs/sha256"))).isEmpty();
  }

  @Test
  void theStoreCapStopsACollectionBeforeTheDiskFills() throws Exception {
    Path ws = workspace();
    Files.write(ws.resolve("bin/big"), new byte[60_000]);
    ArtifactStore store = store(new ArtifactStore.Limits(100_000, 100_000, Duration.ofDays(1)), T0);
    store.collect("run-1", ws, List.of("bin/big"));
    Files.write(ws.resolve("bin/big"), new byte[60_001]);

    assertThatThrownBy(() -> store.collect("run-2", ws, List.of("bin/big")))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("the store is full")
        .hasMessageContaining("ci.artifacts.max-total-size (100000 bytes)");
    // the same content again costs nothing
    Files.write(ws.resolve("bin/big"), new byte[60_000]);
    assertThat(store.collect("run-3", ws, List.of("bin/big")).totalSize()).isEqualTo(60_000);
  }

  @Test
  void expiryKeepsPublishedAndRecentSetsAndTheirBlobs() throws Exception {
    Path ws = workspace();
    store(LIMITS, T0).collect("old", ws, List.of("bin/hello"));
    store(LIMITS, T0).collect("published", ws, List.of("README.md"));
    store(LIMITS, T0).markPublished("published");
    Files.writeString(ws.resolve("bin/notes.txt"), "new notes");
    store(LIMITS, T0.plus(Duration.ofDays(20))).collect("recent", ws, List.of("bin/notes.txt"));

    int deleted = store(LIMITS, T0.plus(Duration.ofDays(31))).expire();

    ArtifactStore later = store(LIMITS, T0.plus(Duration.ofDays(31)));
    assertThat(deleted).isEqualTo(1);
    assertThat(later.manifest("old")).isEmpty();
    assertThat(later.blob(sha("hello binary"))).isEmpty();
    assertThat(later.manifest("published").orElseThrow().published()).isTrue();
    assertThat(later.blob(sha("readme"))).isPresent();
    assertThat(later.blob(sha("new notes"))).isPresent();
  }

  static String sha(String text) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return "sha256:" + HexFormat.of().formatHex(d);
  }
}
