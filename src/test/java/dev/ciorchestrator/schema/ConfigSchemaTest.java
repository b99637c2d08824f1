package dev.ciorchestrator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editor schema must accept every document we ship as an example and reject what the loader
 * rejects, or editors would teach users the wrong format.
 */
class ConfigSchemaTest {
  static final String SCHEMA = "/schema/ci-orchestrator-v1.schema.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = ConfigSchemaTest.class.getResourceAsStream(SCHEMA)) {
      assertThat(in).as(SCHEMA + " on the classpath").isNotNull();
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(JSON.readTree(in));
    }
  }

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

  static List<Error> errors(Object yamlDocument) {
    JsonNode node = JSON.valueToTree(jsonCompatible(yamlDocument));
    return schema.validate(node);
  }

  /** SnakeYAML reads unquoted timestamps as {@link Date}; JSON knows them only as strings. */
  private static Object jsonCompatible(Object value) {
    if (value instanceof Date date) {
      return Instant.ofEpochMilli(date.getTime()).toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, jsonCompatible(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ConfigSchemaTest::jsonCompatible).toList();
    }
    return value;
  }
}
