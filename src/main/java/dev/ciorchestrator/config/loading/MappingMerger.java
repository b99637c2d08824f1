package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Entry;
import dev.ciorchestrator.config.loading.YamlNode.Mapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a mapping's entries: reports every duplicate key (SnakeYAML's compose API silently keeps
 * them) and applies YAML merge keys ({@code <<: *defaults}), whose entries never override keys
 * written in the mapping itself.
 */
final class MappingMerger {
  private final Problems problems;

  MappingMerger(Problems problems) {
    this.problems = problems;
  }

  List<Entry> merge(List<Entry> written, List<YamlNode> mergeSources, String path) {
    Map<String, Entry> byKey = new LinkedHashMap<>();
    for (Entry entry : written) {
      Entry first = byKey.putIfAbsent(entry.key().value(), entry);
      if (first != null) {
        problems.add(
            entry.key().position(),
            Problems.join(path, entry.key().value()),
            "duplicate key '"
                + entry.key().value()
                + "' (first at line "
                + first.key().position().line()
                + ")");
      }
    }
    for (YamlNode source : mergeSources) {
      for (Mapping mapping : mappings(source, path)) {
        mapping.entries().forEach(e -> byKey.putIfAbsent(e.key().value(), e));
      }
    }
    return new ArrayList<>(byKey.values());
  }

  /** A merge key takes one mapping or a list of mappings. */
  private List<Mapping> mappings(YamlNode source, String path) {
    if (source instanceof Mapping m) {
      return List.of(m);
    }
    List<Mapping> out = new ArrayList<>();
    List<YamlNode> items = source instanceof YamlNode.Sequence s ? s.items() : List.of(source);
    for (YamlNode item : items) {
      if (item instanceof Mapping m) {
        out.add(m);
      } else {
        problems.add(
            item.position(),
            Problems.join(path, "<<"),
            "a merge key '<<' takes a mapping or a list of mappings, got " + item.describe());
      }
    }
    return out;
  }
}
