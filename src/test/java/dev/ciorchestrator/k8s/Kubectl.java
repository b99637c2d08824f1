package dev.ciorchestrator.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.testing.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization with the real {@code kubectl kustomize}, which must print no warning (no
 * deprecated field). Without kubectl on the PATH the calling test is skipped with the reason,
 * except under {@code CI=true}, where it fails ({@code .ci/run} installs one when none is there).
 */
final class Kubectl {
  private Kubectl() {}

  static Path require() {
    return RequiredTools.require("kubectl", "any current kubectl: it renders k8s/ with kustomize");
  }

  /** The objects {@code kubectl kustomize dir} renders, in order. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> kustomize(Path dir) throws IOException, InterruptedException {
    Path out = Files.createTempFile("kustomize", ".yaml");
    Path err = Files.createTempFile("kustomize", ".err");
    try {
      Process p =
          new ProcessBuilder(require().toString(), "kustomize", dir.toString())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("kubectl kustomize finishes").isTrue();
      String warnings = Files.readString(err, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("kubectl kustomize %s: %s", dir, warnings).isZero();
      assertThat(warnings).as("kubectl kustomize %s prints no warning", dir).isEmpty();
      List<Map<String, Object>> objects = new ArrayList<>();
      Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
      for (Object doc : yaml.loadAll(Files.readString(out, StandardCharsets.UTF_8))) {
        if (doc != null) {
          objects.add((Map<String, Object>) doc);
        }
      }
      return objects;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
