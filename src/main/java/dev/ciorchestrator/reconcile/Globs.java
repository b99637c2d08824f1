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

  List<Glob> compile(List<String> texts) {
    return texts.stream().map(t -> cache.computeIfAbsent(t, Glob::compile)).toList();
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
