package dev.ciorchestrator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Editors show a field's description on hover and in completion; a field without one is mute. */
class SchemaDescriptionsTest {
  private JsonNode root;

  @BeforeEach
  void readSchema() {
    root = ConfigSchema.tree();
  }

  @Test
  void everyPropertyHasADescription() {
    List<String> mute = new ArrayList<>();
    collectMute(root, "#", mute);
    assertThat(mute).isEmpty();
  }

  @Test
  void everyObjectForbidsUnknownFields() {
    List<String> open = new ArrayList<>();
    // The root is closed per kind, in the Repository, Job and Policy definitions its if/then picks.
    for (Map.Entry<String, JsonNode> def : root.get("$defs").properties()) {
      collectOpen(def.getValue(), "#/$defs/" + def.getKey(), open);
    }
    assertThat(open).isEmpty();
  }

  private void collectMute(JsonNode node, String path, List<String> mute) {
    for (Map.Entry<String, JsonNode> child : node.properties()) {
      String childPath = path + "/" + child.getKey();
      // Properties inside an "if" only select a branch; editors never show them.
      if (child.getKey().equals("properties") && !path.endsWith("/if")) {
        for (Map.Entry<String, JsonNode> field : child.getValue().properties()) {
          if (!described(field.getValue())) {
            mute.add(childPath + "/" + field.getKey());
          }
        }
      }
      if (child.getValue().isObject()) {
        collectMute(child.getValue(), childPath, mute);
      }
    }
  }

  /** A field is described by its own text or by the definition it refers to. */
  private boolean described(JsonNode field) {
    if (field.has("description")) {
      return true;
    }
    String ref = field.path("$ref").asString("");
    return ref.startsWith("#/$defs/") && root.at(ref.substring(1)).has("description");
  }

  /** Objects with declared properties must close them; maps (env, jobs) type their values. */
  private static void collectOpen(JsonNode node, String path, List<String> open) {
    boolean declaresFields =
        node.has("properties") && node.path("type").asString("").equals("object");
    if (declaresFields && !node.path("additionalProperties").isBoolean()) {
      open.add(path);
    }
    for (Map.Entry<String, JsonNode> child : node.properties()) {
      if (child.getValue().isObject()) {
        collectOpen(child.getValue(), path + "/" + child.getKey(), open);
      }
    }
  }
}
