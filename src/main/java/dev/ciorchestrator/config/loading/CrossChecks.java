package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.ParsedFile.Declaration;
import dev.ciorchestrator.config.loading.ParsedFile.RepoReference;
import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.validation.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks that need every file of a revision: unique names and repository references. */
final class CrossChecks {
  private CrossChecks() {}

  static List<ConfigError> check(List<ParsedFile> files) {
    List<ConfigError> errors = new ArrayList<>();
    Map<String, Declaration> seen = new HashMap<>();
    Set<String> repositories = new LinkedHashSet<>();
    for (ParsedFile file : files) {
      for (Declaration d : file.declarations()) {
        Declaration first = seen.putIfAbsent(d.kind() + "\0" + d.name(), d);
        if (first != null) {
          errors.add(
              new ConfigError(
                  d.position(),
                  "name",
                  "duplicate "
                      + d.kind()
                      + " name '"
                      + d.name()
                      + "' (first at "
                      + first.position()
                      + ")"));
        }
        if (d.kind().equals("Repository")) {
          repositories.add(d.name());
        }
      }
    }
    for (ParsedFile file : files) {
      for (RepoReference ref : file.references()) {
        if (!repositories.contains(ref.name())) {
          errors.add(
              new ConfigError(ref.position(), ref.field(), unknown(ref.name(), repositories)));
        }
      }
    }
    return errors;
  }

  private static String unknown(String name, Set<String> repositories) {
    return "unknown repository '"
        + name
        + "': no Repository document defines it"
        + Suggestions.didYouMean(name, repositories);
  }
}
