package dev.ciorchestrator.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.intake.JsonProblem;
import dev.ciorchestrator.intake.StrictJson;
import java.util.Iterator;
import java.util.Set;

/**
 * A request body read strictly ({@link StrictJson}: one object, no duplicate key, no unpaired
 * surrogate), then field by field, so every refusal names the JSON field to blame. Jackson's data
 * binding would name Java properties rather than JSON fields; reading the tree avoids that.
 */
final class JsonBody {
  private final JsonNode node;

  private JsonBody(JsonNode node) {
    this.node = node;
  }

  /** Parses {@code body} as a JSON object whose fields are all in {@code allowed}. */
  static JsonBody parse(ObjectMapper json, String body, Set<String> allowed) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("body must be a JSON object", "");
    }
    JsonNode node;
    try {
      node = StrictJson.tree(body, json);
    } catch (JsonProblem e) {
      throw ApiException.badRequest(e.getMessage(), e.field());
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ApiException.badRequest("unknown field '" + name + "'", name);
      }
    }
    return new JsonBody(node);
  }

  /** A required string that is not blank. */
  String text(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw ApiException.badRequest("missing field '" + field + "'", field);
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(field + " must be a string", field);
    }
    if (value.asText().isBlank()) {
      throw ApiException.badRequest(field + " must not be blank", field);
    }
    return value.asText();
  }

  /** An optional string: {@code null} when absent or null, refused when blank or not a string. */
  String optionalText(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : text(field);
  }

  /** An optional boolean; {@code fallback} when absent or null. */
  boolean bool(String field, boolean fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw ApiException.badRequest(field + " must be true or false", field);
    }
    return value.booleanValue();
  }
}
