package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Entry;
import dev.ciorchestrator.config.loading.YamlNode.Kind;
import dev.ciorchestrator.config.loading.YamlNode.Mapping;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.loading.YamlNode.Sequence;
import dev.ciorchestrator.config.model.SourcePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns one composed SnakeYAML document into {@link YamlNode}s. Each SnakeYAML node is converted
 * once and shared wherever it is aliased, so an alias-heavy document costs its size, not its
 * expansion; duplicate keys and unsupported tags are reported here because the compose API does
 * not.
 */
final class NodeConverter {
  private static final Map<Tag, Kind> SCALAR_KINDS =
      Map.of(
          Tag.STR, Kind.STRING,
          Tag.INT, Kind.INTEGER,
          Tag.FLOAT, Kind.FLOAT,
          Tag.BOOL, Kind.BOOLEAN,
          Tag.NULL, Kind.NULL,
          Tag.TIMESTAMP, Kind.TIMESTAMP);

  private final SourceText source;
  private final Problems problems;
  private final Map<Node, YamlNode> done = new IdentityHashMap<>();
  private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
  private final MappingMerger merger;

  NodeConverter(SourceText source, Problems problems) {
    this.source = source;
    this.problems = problems;
    this.merger = new MappingMerger(problems);
  }

  YamlNode convert(Node node, String path) {
    YamlNode known = done.get(node);
    if (known != null) {
      return known;
    }
    if (!inProgress.add(node)) {
      problems.add(
          position(node.getStartMark()), path, "recursive alias: an anchor used inside itself");
      return nullAt(node);
    }
    YamlNode converted =
        switch (node.getNodeId()) {
          case scalar -> scalar((ScalarNode) node, path);
          case sequence -> sequence((SequenceNode) node, path);
          default -> mapping((MappingNode) node, path);
        };
    inProgress.remove(node);
    done.put(node, converted);
    return converted;
  }

  private Scalar scalar(ScalarNode node, String path) {
    Kind kind = SCALAR_KINDS.get(node.getTag());
    if (kind == null) {
      unsupportedTag(node, path);
      kind = Kind.STRING;
    }
    YamlNode.Style style = style(node);
    Mark start = node.getStartMark();
    Mark end = node.getEndMark();
    boolean singleLine = start.getLine() == end.getLine();
    boolean needsRaw =
        style == YamlNode.Style.LITERAL || (singleLine && style != YamlNode.Style.PLAIN);
    String raw = needsRaw ? source.slice(start.getIndex(), end.getIndex()) : "";
    return new Scalar(node.getValue(), kind, style, position(start), raw, singleLine);
  }

  private Sequence sequence(SequenceNode node, String path) {
    if (!Tag.SEQ.equals(node.getTag())) {
      unsupportedTag(node, path);
    }
    List<YamlNode> items = new ArrayList<>();
    List<Node> children = node.getValue();
    for (int i = 0; i < children.size(); i++) {
      items.add(convert(children.get(i), Problems.index(path, i)));
    }
    return new Sequence(items, position(node.getStartMark()));
  }

  private Mapping mapping(MappingNode node, String path) {
    if (!Tag.MAP.equals(node.getTag())) {
      unsupportedTag(node, path);
    }
    List<Entry> entries = new ArrayList<>();
    List<YamlNode> merges = new ArrayList<>();
    for (var tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode)) {
        problems.add(
            position(keyNode.getStartMark()),
            path,
            "a key must be a plain value, got a "
                + (keyNode instanceof SequenceNode ? "list" : "mapping"));
        continue;
      }
      if (Tag.MERGE.equals(keyNode.getTag())) {
        merges.add(convert(tuple.getValueNode(), Problems.join(path, "<<")));
        continue;
      }
      Scalar key = scalar((ScalarNode) keyNode, path);
      entries.add(new Entry(key, convert(tuple.getValueNode(), Problems.join(path, key.value()))));
    }
    return new Mapping(merger.merge(entries, merges, path), position(node.getStartMark()));
  }

  private void unsupportedTag(Node node, String path) {
    problems.add(
        position(node.getStartMark()),
        path,
        "unsupported YAML tag '" + node.getTag().getValue().replace(Tag.PREFIX, "!!") + "'");
  }

  private Scalar nullAt(Node node) {
    return new Scalar("", Kind.NULL, YamlNode.Style.PLAIN, position(node.getStartMark()), "", true);
  }

  private SourcePosition position(Mark mark) {
    return new SourcePosition(source.file(), mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static YamlNode.Style style(ScalarNode node) {
    return switch (node.getScalarStyle()) {
      case SINGLE_QUOTED -> YamlNode.Style.SINGLE_QUOTED;
      case DOUBLE_QUOTED -> YamlNode.Style.DOUBLE_QUOTED;
      case LITERAL -> YamlNode.Style.LITERAL;
      case FOLDED -> YamlNode.Style.FOLDED;
      default -> YamlNode.Style.PLAIN;
    };
  }
}
