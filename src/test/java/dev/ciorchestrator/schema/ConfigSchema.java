package dev.ciorchestrator.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shipped JSON Schema, validating documents as SnakeYAML reads them. */
final class ConfigSchema {
  static final String RESOURCE = "/schema/ci-orchestrator-v1.schema.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(tree());

  private ConfigSchema() {}

  static JsonNode tree() {
    try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Error> errors(Object yamlDocument) {
    return SCHEMA.validate(JSON.valueToTree(jsonCompatible(yamlDocument)));
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
      return list.stream().map(ConfigSchema::jsonCompatible).toList();
    }
    return value;
  }
}
