package dev.ciorchestrator.supply.sbom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Components the repository declares itself, for code no binary reveals (vendored sources, a copied
 * header-only library): {@code sbom-components.yaml} at the workspace root,
 *
 * <pre>
 * components:
 *   - {name: miniz, version: "3.0.2", purl: "pkg:github/richgel999/miniz@3.0.2", license: MIT}
 * </pre>
 *
 * <p>{@code name} and {@code version} are required; an error names the file, line, column and
 * field.
 */
final class DeclaredComponents {
  /** The file's name at the workspace root. */
  static final String FILE = "sbom-components.yaml";

  private static final long MAX_BYTES = 256 * 1024;
  private static final Set<String> FIELDS =
      Set.of("name", "version", "purl", "license", "description");

  /** A declared component. */
  record Declared(String name, String version, String purl, String license, String description) {}

  private DeclaredComponents() {}

  /** The workspace's declared components; none when the file is absent. */
  static List<Declared> read(Path workspace) throws IOException {
    Path file = workspace.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    if (Files.size(file) > MAX_BYTES) {
      throw new SbomException(FILE + ": larger than " + MAX_BYTES / 1024 + " KiB");
    }
    Node root;
    try {
      root =
          new Yaml(new LoaderOptions())
              .compose(Files.newBufferedReader(file, StandardCharsets.UTF_8));
    } catch (YAMLException e) {
      throw new SbomException(FILE + ": not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      return List.of();
    }
    Map<String, Node> top = mapping(root, "");
    Node list = top.get("components");
    if (!(list instanceof SequenceNode items)) {
      throw problem(root, "components", "a list of components is required");
    }
    List<Declared> declared = new ArrayList<>();
    for (int i = 0; i < items.getValue().size(); i++) {
      Map<String, Node> fields = mapping(items.getValue().get(i), "components[" + i + "]");
      String at = "components[" + i + "].";
      declared.add(
          new Declared(
              required(fields, items.getValue().get(i), at, "name"),
              required(fields, items.getValue().get(i), at, "version"),
              optional(fields, at, "purl"),
              optional(fields, at, "license"),
              optional(fields, at, "description")));
    }
    return List.copyOf(declared);
  }

  private static Map<String, Node> mapping(Node node, String path) {
    if (!(node instanceof MappingNode mapping)) {
      throw problem(node, path, "must be a mapping");
    }
    Map<String, Node> out = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      String field = path.isEmpty() ? key : path + "." + key;
      if (!path.isEmpty() && !FIELDS.contains(key) || path.isEmpty() && !key.equals("components")) {
        throw problem(tuple.getKeyNode(), field, "unknown field");
      }
      out.put(key, tuple.getValueNode());
    }
    return out;
  }

  private static String required(Map<String, Node> fields, Node owner, String at, String key) {
    String value = optional(fields, at, key);
    if (value.isBlank()) {
      throw problem(owner, at + key, "is required");
    }
    return value;
  }

  private static String optional(Map<String, Node> fields, String at, String key) {
    Node node = fields.get(key);
    if (node == null) {
      return "";
    }
    if (!(node instanceof ScalarNode scalar)) {
      throw problem(node, at + key, "must be a string");
    }
    return scalar.getValue();
  }

  private static SbomException problem(Node node, String field, String what) {
    Mark mark = node.getStartMark();
    return new SbomException(
        FILE
            + ":"
            + (mark.getLine() + 1)
            + ":"
            + (mark.getColumn() + 1)
            + ": "
            + field
            + ": "
            + what);
  }
}
