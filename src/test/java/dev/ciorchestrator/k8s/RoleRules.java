package dev.ciorchestrator.k8s;

import static dev.ciorchestrator.k8s.KustomizeRenderTest.list;
import static dev.ciorchestrator.k8s.KustomizeRenderTest.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A Role's rules as single permissions, so two sets of rules compare however they are grouped. */
final class RoleRules {
  static final Path ROLE = Path.of("k8s/base/role.yaml");

  /**
   * One thing the Role allows: {@code verb} on {@code resource} (with its subresource, as {@code
   * pods/log}) of API group {@code group} ({@code ""} is the core group).
   */
  record Permission(String group, String resource, String verb) implements Comparable<Permission> {
    @Override
    public int compareTo(Permission o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
    }
  }

  private RoleRules() {}

  static Set<Permission> fromFile() throws IOException {
    Object role =
        new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(Files.readString(ROLE, StandardCharsets.UTF_8));
    return of(map(role));
  }

  static Set<Permission> of(Map<String, Object> role) {
    Set<Permission> all = new TreeSet<>();
    for (Object rule : list(role, "rules")) {
      for (Object group : list(rule, "apiGroups")) {
        for (Object resource : list(rule, "resources")) {
          for (Object verb : list(rule, "verbs")) {
            all.add(new Permission(group.toString(), resource.toString(), verb.toString()));
          }
        }
      }
    }
    return all;
  }
}
