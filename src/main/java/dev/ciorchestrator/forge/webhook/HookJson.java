package dev.ciorchestrator.forge.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.intake.JsonProblem;
import dev.ciorchestrator.intake.StrictJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A delivery body read strictly ({@link StrictJson}: UTF-8, one object, no duplicate key), then its
 * few needed fields taken by JSON path: a field that is missing or of the wrong type is a {@link
 * JsonProblem} naming that path; every other field may be anything, so forges can add fields
 * freely.
 */
public final class HookJson {
  private static final ObjectMapper JSON = StrictJson.configure(new ObjectMapper());

  private HookJson() {}

  public static JsonNode tree(byte[] body) throws JsonProblem {
    return StrictJson.read(body, JSON, JsonNode.class);
  }

  /** The node at dotted {@code path}; missing nodes read as missing. */
  public static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      n = n.path(part);
    }
    return n;
  }

  public static String text(JsonNode root, String path) throws JsonProblem {
    JsonNode n = at(root, path);
    if (!n.isTextual() || n.asText().isBlank()) {
      throw new JsonProblem(path + " must be a non-empty string", path);
    }
    return n.asText();
  }

  /** The text at {@code path}, or {@code ""} when it is absent or null (a deleted user). */
  public static String optionalText(JsonNode root, String path) throws JsonProblem {
    JsonNode n = at(root, path);
    if (n.isMissingNode() || n.isNull()) {
      return "";
    }
    if (!n.isTextual()) {
      throw new JsonProblem(path + " must be a string", path);
    }
    return n.asText();
  }

  public static long positive(JsonNode root, String path) throws JsonProblem {
    JsonNode n = at(root, path);
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 1) {
      throw new JsonProblem(path + " must be a positive whole number", path);
    }
    return n.asLong();
  }

  /** The non-empty texts among {@code paths}, in order. */
  public static List<String> texts(JsonNode root, String... paths) {
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      JsonNode n = at(root, p);
      if (n.isTextual() && !n.asText().isBlank()) {
        out.add(n.asText());
      }
    }
    return out;
  }
}
