package dev.ciorchestrator.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.executor.RunArtifacts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one copy-with-verification every way of receiving upstream artifacts goes through, fed by a
 * source that hands out whatever bytes the test gives it (as a tampering server would).
 */
class InboxTest {
  @TempDir Path tmp;

  static String sha(String text) throws Exception {
    return "sha256:"
        + HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static Manifest.Entry entry(String path, String content, int mode) throws Exception {
    return new Manifest.Entry(
        path, content.length(), sha(content), "application/octet-stream", mode);
  }

  /** A source serving {@code bytes} by path, whatever the manifest says. */
  static BlobSource serving(Map<String, String> bytes) {
    return e -> new ByteArrayInputStream(bytes.get(e.path()).getBytes(StandardCharsets.UTF_8));
  }

  /** Fills {@code in/build/} as run {@code run-1} of job {@code build}. */
  List<RunArtifacts.Received> fill(List<Manifest.Entry> files, BlobSource source)
      throws java.io.IOException {
    return Inbox.fill(tmp.resolve("in"), "build", "run-1", files, source);
  }

  @Test
  void filesArriveVerifiedWithTheirModes() throws Exception {
    Manifest.Entry app = entry("bin/app", "#!/bin/sh\necho hi\n", 0755);
    Manifest.Entry notes = entry("notes.txt", "notes", 0640);

    List<RunArtifacts.Received> got =
        fill(
            List.of(app, notes),
            serving(Map.of("bin/app", "#!/bin/sh\necho hi\n", "notes.txt", "notes")));

    assertThat(got)
        .containsExactly(
            new RunArtifacts.Received("build", "run-1", "bin/app", app.digest()),
            new RunArtifacts.Received("build", "run-1", "notes.txt", notes.digest()));
    assertThat(tmp.resolve("in/build/bin/app")).hasContent("#!/bin/sh\necho hi");
    assertThat(FileModes.of(tmp.resolve("in/build/bin/app"))).isEqualTo(0755);
    assertThat(FileModes.of(tmp.resolve("in/build/notes.txt"))).isEqualTo(0640);
  }

  @Test
  void aTamperedFileIsRefusedNamingItAndBothDigestsAndNothingOfItStays() throws Exception {
    Manifest.Entry app = entry("bin/app", "good", 0644);

    assertThatThrownBy(() -> fill(List.of(app), serving(Map.of("bin/app", "evil"))))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining(".ci-artifacts/build/bin/app (run run-1) does not match its manifest")
        .hasMessageContaining("expected " + app.digest())
        .hasMessageContaining("got " + sha("evil"));
    try (Stream<Path> left = Files.walk(tmp.resolve("in"))) {
      assertThat(left.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void aSourceSendingMoreThanTheManifestSaysIsCutOffAtOneByteMore() throws Exception {
    Manifest.Entry app = entry("app", "four", 0644);
    int[] read = {0};
    BlobSource endless =
        e ->
            new java.io.InputStream() {
              @Override
              public int read() {
                read[0]++;
                return 'x';
              }
            };

    assertThatThrownBy(() -> fill(List.of(app), endless))
        .hasMessageContaining(
            "app (run run-1) does not match its manifest: it is longer than 4 bytes");
    assertThat(read[0]).isEqualTo(5);
    assertThat(tmp.resolve("in/build/app")).doesNotExist();
  }

  @Test
  void aShortFileIsRefused() throws Exception {
    Manifest.Entry app = entry("app", "four", 0644);

    assertThatThrownBy(() -> fill(List.of(app), serving(Map.of("app", "fo"))))
        .hasMessageContaining("app (run run-1) does not match its manifest: 2 bytes instead of 4");
    assertThat(tmp.resolve("in/build/app")).doesNotExist();
  }

  @Test
  void aManifestPathThatWouldLeaveTheFolderIsRefusedBeforeAnythingIsRead() throws Exception {
    for (String path : List.of("../escape", "a/../../escape", "/etc/passwd", "")) {
      Manifest.Entry bad = entry(path, "x", 0644);
      assertThatThrownBy(
              () ->
                  fill(
                      List.of(bad),
                      e -> {
                        throw new AssertionError("read " + e.path());
                      }))
          .as(path)
          .isInstanceOf(ArtifactException.class)
          .hasMessageContaining("is not a path inside the folder");
    }
    assertThat(tmp.resolve("escape")).doesNotExist();
    assertThatThrownBy(
            () -> Inbox.fill(tmp.resolve("in"), "../up", "run-1", List.of(), serving(Map.of())))
        .hasMessageContaining("the job name ../up is not a path inside the folder");
  }
}
