package dev.ciorchestrator.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * JSON request bodies read strictly, the same way for webhooks and the API: one JSON object and
 * nothing after it, UTF-8 only, no duplicate keys, no unpaired surrogates, and no value coerced
 * into another type ({@code "2"} is not a number, {@code 2.5} not a whole number, {@code true} not
 * a string). Every refusal names the JSON path to blame.
 */
public final class StrictJson {
  private StrictJson() {}

  /** Makes {@code mapper} refuse what this class refuses; the service's own mapper gets it too. */
  public static <M extends ObjectMapper> M configure(M mapper) {
    mapper
        .getFactory()
        .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature(), true);
    mapper
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float);
    refuse(mapper, LogicalType.Integer, CoercionInputShape.Boolean);
    refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
    refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer);
    refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float);
    refuse(mapper, LogicalType.Textual, CoercionInputShape.Boolean);
    return mapper;
  }

  private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
    }
  }

  /**
   * A JSON object from wire bytes, bound to {@code type} by {@code mapper} (see {@link
   * #configure}).
   */
  public static <T> T read(byte[] body, ObjectMapper mapper, Class<T> type) throws JsonProblem {
    JsonText.requireUtf8(ByteBuffer.wrap(body));
    try {
      scan(mapper.getFactory().createParser(body));
      JsonParser p = mapper.getFactory().createParser(body);
      try {
        return mapper.readValue(p, type);
      } catch (JsonProcessingException e) {
        throw JsonProblems.of(e); // before the close: the parser still knows the offending token
      } finally {
        p.close();
      }
    } catch (JsonProcessingException e) {
      throw JsonProblems.of(e);
    } catch (IOException e) {
      throw new JsonProblem("body is not readable: " + e.getMessage(), "");
    }
  }

  /**
   * A JSON object from text already decoded (by the intake, which checked it was UTF-8), read by
   * {@code mapper} (see {@link #configure}).
   */
  public static JsonNode tree(String body, ObjectMapper mapper) throws JsonProblem {
    try {
      scan(mapper.getFactory().createParser(body));
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw JsonProblems.of(e);
    } catch (IOException e) {
      throw new JsonProblem("body is not readable: " + e.getMessage(), "");
    }
  }

  /**
   * One pass over the tokens, keeping nothing but the keys of the open objects: a root object, no
   * second value, no duplicate key, no unpaired surrogate in a key or string.
   */
  private static void scan(JsonParser parser) throws IOException, JsonProblem {
    try (JsonParser p = parser) {
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // found below, with the key's path
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonProblem("body must be a JSON object", "");
      }
      Deque<Set<String>> keys = new ArrayDeque<>();
      keys.push(new HashSet<>());
      while (!keys.isEmpty()) {
        JsonToken token = p.nextToken();
        if (token == JsonToken.FIELD_NAME) {
          unicode(p, "key");
          if (!keys.peek().add(p.currentName())) {
            String at = JsonProblems.path(p.getParsingContext());
            throw new JsonProblem("duplicate key '" + p.currentName() + "' at " + at, at);
          }
        } else if (token == JsonToken.VALUE_STRING) {
          unicode(p, "value");
        } else if (token == JsonToken.START_OBJECT) {
          keys.push(new HashSet<>());
        } else if (token == JsonToken.END_OBJECT) {
          keys.pop();
        }
      }
      if (p.nextToken() != null) {
        throw new JsonProblem(
            "body holds more than one JSON value: something follows the object at line "
                + p.currentLocation().getLineNr()
                + ", column "
                + p.currentLocation().getColumnNr(),
            "");
      }
    }
  }

  /** Refuses an unpaired UTF-16 surrogate, which a {@code \ud800} escape can smuggle in. */
  private static void unicode(JsonParser p, String what) throws IOException, JsonProblem {
    char[] text = p.getTextCharacters();
    int end = p.getTextOffset() + p.getTextLength();
    for (int i = p.getTextOffset(); i < end; i++) {
      if (Character.isHighSurrogate(text[i])
          && i + 1 < end
          && Character.isLowSurrogate(text[i + 1])) {
        i++;
      } else if (Character.isSurrogate(text[i])) {
        String at = JsonProblems.path(p.getParsingContext());
        throw new JsonProblem(
            String.format(
                "%s at %s holds an unpaired surrogate (\\u%04x): not Unicode text",
                what, at.isEmpty() ? "the top" : at, (int) text[i]),
            at);
      }
    }
  }
}
