package dev.ciorchestrator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The editor schema must accept every document we ship as an example and reject what the loader
 * rejects, or editors would teach users the wrong format.
 */
class ConfigSchemaTest {
  static Stream<Arguments> shippedDocuments() throws IOException {
    List<Arguments> docs = new ArrayList<>();
    for (String folder : List.of("examples/ci-repo", "policies")) {
      try (Stream<Path> walk = Files.walk(Path.of(folder))) {
        for (Path file : walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
          int index = 0;
          for (Object doc : new Yaml().loadAll(Files.readString(file))) {
            docs.add(Arguments.of(file + " #" + ++index, doc));
          }
        }
      }
    }
    assertThat(docs).as("documents found").hasSizeGreaterThan(10);
    return docs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedDocuments")
  void everyShippedDocumentIsValid(String where, Object document) {
    assertThat(errors(document)).as(where).isEmpty();
  }

  @Test
  void rejectsAnUnknownField() {
    Map<String, Object> job = job();
    job.put("script", "make");
    assertThat(errors(job)).anyMatch(e -> e.getKeyword().equals("additionalProperties"));
  }

  @Test
  void rejectsAnUnknownFieldInsideANestedObject() {
    Map<String, Object> job = job();
    job.put("triggers", Map.of("pullRequest", Map.of("branch", List.of("main"))));
    assertThat(errors(job)).anyMatch(e -> e.getKeyword().equals("additionalProperties"));
  }

  @Test
  void rejectsABadKind() {
    Map<String, Object> job = job();
    job.put("kind", "Pipeline");
    assertThat(errors(job)).anyMatch(e -> e.getKeyword().equals("enum"));
  }

  @Test
  void rejectsABadEnumValue() {
    Map<String, Object> policy = new LinkedHashMap<>(header("Policy"));
    policy.putAll(Map.of("name", "p", "type", "veto", "repos", List.of("*"), "rule", "true"));
    assertThat(errors(policy)).anyMatch(e -> e.getKeyword().equals("enum"));
  }

  @Test
  void rejectsABadJobName() {
    Map<String, Object> job = job();
    job.put("name", "Go_Test");
    assertThat(errors(job)).anyMatch(e -> e.getKeyword().equals("pattern"));
  }

  @Test
  void acceptsAMinimalJob() {
    assertThat(errors(job())).isEmpty();
  }

  private static Map<String, Object> job() {
    Map<String, Object> job = new LinkedHashMap<>(header("Job"));
    job.put("name", "go-test");
    job.put("repos", List.of("demo/hello-go"));
    job.put("run", "go test ./...");
    return job;
  }

  private static Map<String, Object> header(String kind) {
    return Map.of("apiVersion", "ci-orchestrator/v1", "kind", kind);
  }

  private static List<Error> errors(Object document) {
    return ConfigSchema.errors(document);
  }
}
