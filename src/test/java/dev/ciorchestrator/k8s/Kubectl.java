package dev.ciorchestrator.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization with the real {@code kubectl kustomize}. Without kubectl on the PATH the
 * calling test is skipped with the reason, except under {@code CI=true}, where it fails ({@code
 * .ci/run} installs Debian's {@code kubernetes-client}).
 */
final class Kubectl {
  private Kubectl() {}

  static Path require() {
    Optional<Path> kubectl = onPath("kubectl");
    if (kubectl.isEmpty()) {
      String why = "kubectl is not on the PATH (Debian package kubernetes-client)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + "; under CI=true it is required");
      }
      Assumptions.abort(why + ": skipping the kustomize render test");
    }
    return kubectl.get();
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
      assertThat(p.exitValue())
          .as("kubectl kustomize %s: %s", dir, Files.readString(err, StandardCharsets.UTF_8))
          .isZero();
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

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
