package dev.ciorchestrator.upload;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/** The uploaded files' modes as the one text column of the database staging keeps them in. */
final class ModesJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Integer>> MODES = new TypeReference<>() {};

  private ModesJson() {}

  static String write(Map<String, Integer> modes) throws IOException {
    return JSON.writeValueAsString(modes);
  }

  /** A row written before modes were kept has none: every file a plain one. */
  static Map<String, Integer> read(String text) throws IOException {
    return text == null ? Map.of() : JSON.readValue(text, MODES);
  }
}
