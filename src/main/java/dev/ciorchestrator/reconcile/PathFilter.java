package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Glob;
import java.util.List;
import java.util.Optional;

/**
 * A pull-request trigger's {@code paths} and {@code pathsIgnore}, with GitHub Actions semantics: a
 * change with no known files passes; otherwise some changed file must match {@code paths} (when
 * set) and not match {@code pathsIgnore}. Interned per plan, so jobs with the same filters share
 * one instance and a change is matched against it once.
 */
record PathFilter(List<Glob> paths, List<Glob> ignore) {
  static final PathFilter NONE = new PathFilter(List.of(), List.of());

  boolean isEmpty() {
    return paths.isEmpty() && ignore.isEmpty();
  }

  /** Why the files do not pass, or empty when they do. */
  Optional<String> reject(List<String> files) {
    if (files.isEmpty() || isEmpty()) {
      return Optional.empty();
    }
    boolean anyPath = false;
    for (String file : files) {
      if (paths.isEmpty() || Globs.anyMatches(paths, file)) {
        anyPath = true;
        if (!Globs.anyMatches(ignore, file)) {
          return Optional.empty();
        }
      }
    }
    if (!anyPath) {
      return Optional.of("paths did not match any changed file");
    }
    return Optional.of(
        paths.isEmpty()
            ? "every changed file matches pathsIgnore"
            : "every changed file matching paths also matches pathsIgnore");
  }
}
