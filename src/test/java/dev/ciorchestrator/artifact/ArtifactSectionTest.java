package dev.ciorchestrator.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.report.RunLinks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactSectionTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private final RunLinks links = new RunLinks("https://ci.example");

  @Test
  void eachFileShowsItsNameSizeAndShortDigestLinkedToItsDownload() {
    Manifest m =
        new Manifest(
            "c-build-1",
            Instant.EPOCH,
            List.of(
                new Manifest.Entry("bin/hello", 16_500, A, "application/x-executable"),
                new Manifest.Entry(".supply/sbom.cdx.json", 900, A, "application/json")),
            false);

    String md = ArtifactSection.render(Map.of("c-build", m), links);

    assertThat(md)
        .isEqualTo(
            """
            **Artifacts:**
            - `c-build` ([2 files](https://ci.example/api/v1/runs/c-build-1/artifacts)):
              - [`bin/hello`](https://ci.example/api/v1/artifacts/%1$s) · 16.1 KiB · `sha256:aaaaaaaaaaaa`
              - [`.supply/sbom.cdx.json`](https://ci.example/api/v1/artifacts/%1$s) · 900 B · `sha256:aaaaaaaaaaaa`"""
                .formatted(A));
  }

  @Test
  void aLongManifestShowsItsFirstFilesAndHowManyMore() {
    List<Manifest.Entry> files = new ArrayList<>();
    for (int i = 0; i < ArtifactSection.SHOWN + 3; i++) {
      files.add(new Manifest.Entry("f" + i, 1, A, "text/plain"));
    }
    String md =
        ArtifactSection.render(
            Map.of("build", new Manifest("r", Instant.EPOCH, files, false)), links);

    assertThat(md)
        .contains("[11 files]")
        .contains("`f7`")
        .doesNotContain("`f8`")
        .endsWith("and 3 more");
  }

  @Test
  void sizesReadLikeAPerson() {
    assertThat(ArtifactSection.size(1023)).isEqualTo("1023 B");
    assertThat(ArtifactSection.size(2 * 1024 * 1024)).isEqualTo("2.0 MiB");
  }
}
