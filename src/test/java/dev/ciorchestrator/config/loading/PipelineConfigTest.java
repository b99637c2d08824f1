package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code needs} and {@code artifacts} bind into {@link Pipeline}; bad values fail at file:line. */
class PipelineConfigTest {
  private static final String HEADER =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: demo/hello-c
      forge: local
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: c-test
      repos: [demo/hello-c]
      run: make test
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: c-build
      repos: [demo/hello-c]
      run: make
      needs: [c-test]
      """;

  private static LoadResult load(String text) {
    ConfigFile f = new ConfigFile("ci.yaml", "id", text.getBytes(StandardCharsets.UTF_8));
    return new ConfigLoader(new CelPolicyEngine()).load("rev", List.of(f));
  }

  @Test
  void bindsNeedsAndArtifactsWithDefaults() {
    LoadResult r =
        load(
            HEADER
                + """
                artifacts:
                  paths: ["hello", "out/**/*.so"]
                  sbom: true
                  provenance: true
                  publish: {registry: local, repository: demo/hello-c}
                """);

    assertThat(r).isInstanceOf(LoadResult.Loaded.class);
    var job = ((LoadResult.Loaded) r).snapshot().job("c-build").orElseThrow();
    assertThat(job.needs()).containsExactly("c-test");
    assertThat(job.pipeline().artifacts())
        .isEqualTo(
            new Pipeline.Artifacts(
                List.of("hello", "out/**/*.so"),
                true,
                true,
                new Pipeline.Publish("local", "demo/hello-c", Set.of(Pipeline.Publish.On.PUSH))));
  }

  @Test
  void everyBadArtifactsFieldIsAnErrorAtItsLine() {
    LoadResult r =
        load(
            HEADER
                + """
                artifacts:
                  paths: ["/etc/passwd", "../up/*", "ok/**", "a/../b", "[bad"]
                  sbom: maybe
                  publish: {registry: Local, repository: Demo/X, on: [push, tag], extra: 1}
                """);

    assertThat(r).isInstanceOf(LoadResult.Failed.class);
    assertThat(((LoadResult.Failed) r).errors().stream().map(Object::toString))
        .containsExactly(
            "ci.yaml:19:11: artifacts.paths[0]: must be relative to the workspace, got '/etc/passwd'",
            "ci.yaml:19:26: artifacts.paths[1]: must stay inside the workspace: no '..' segment, got '../up/*'",
            "ci.yaml:19:46: artifacts.paths[3]: must stay inside the workspace: no '..' segment, got 'a/../b'",
            "ci.yaml:19:56: artifacts.paths[4]: invalid glob '[bad': unclosed '[' at offset 0",
            "ci.yaml:20:9: artifacts.sbom: expected true or false, got a string 'maybe'",
            "ci.yaml:21:23: artifacts.publish.registry: invalid registry 'Local': must name a registry of the deployment settings (ci.registries.<id>; lowercase letters, digits and '-')",
            "ci.yaml:21:42: artifacts.publish.repository: invalid repository 'Demo/X': must be an OCI repository name like demo/hello-c (lowercase letters, digits, '.', '_', '-', '/')",
            "ci.yaml:21:61: artifacts.publish.on[1]: invalid value 'tag' (allowed: push, pullRequest, schedule)",
            "ci.yaml:21:67: artifacts.publish.extra: unknown field 'extra'");
  }
}
