package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Glob;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles each glob text once per plan. Configs repeat the same few globs ({@code main}, {@code
 * **}{@code /*.go}) across many jobs and policies, and a plan matches them against thousands of
 * changes, so compiling per change would dominate the plan's cost.
 */
final class Globs {
  private final Map<String, Glob> cache = new HashMap<>();
  private final Map<String, Glob> repoCache = new HashMap<>();
  private final Map<List<List<String>>, PathFilter> filters = new HashMap<>();

  List<Glob> compile(List<String> texts) {
    return texts.stream().map(t -> cache.computeIfAbsent(t, Glob::compile)).toList();
  }

  /** Globs over repository names, where {@code *} also spans the {@code /} of owner/name. */
  List<Glob> repositories(List<String> texts) {
    return texts.stream().map(t -> repoCache.computeIfAbsent(t, Glob::repositories)).toList();
  }

  /** One shared instance per distinct pair of lists, so per-change results can be memoized. */
  PathFilter pathFilter(List<String> paths, List<String> ignore) {
    if (paths.isEmpty() && ignore.isEmpty()) {
      return PathFilter.NONE;
    }
    return filters.computeIfAbsent(
        List.of(paths, ignore), k -> new PathFilter(compile(paths), compile(ignore)));
  }

  static boolean anyMatches(List<Glob> globs, String value) {
    for (Glob g : globs) {
      if (g.matches(value)) {
        return true;
      }
    }
    return false;
  }
}
