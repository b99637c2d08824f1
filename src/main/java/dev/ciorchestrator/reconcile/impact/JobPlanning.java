package dev.ciorchestrator.reconcile.impact;

import dev.ciorchestrator.config.diff.ConfigDiffer;
import dev.ciorchestrator.config.model.Job;
import java.util.List;

/**
 * Which of a job's fields the planner decides with. A change to any other field (the script, the
 * image, env, timeout, resources, callbacks, the recipe it came from, the artifacts it collects)
 * changes how a run executes, never whether it is due, starts or passes the gate, so such a change
 * cannot alter a plan and its changes need no dry run. The list names what execution alone reads: a
 * field added to {@code Job} tomorrow counts for planning until it is named here.
 */
final class JobPlanning {
  /** Field paths as the effective diff names them; a path matches itself and what is below it. */
  static final List<String> EXECUTION_ONLY =
      List.of(
          "image",
          "run",
          "env",
          "timeout",
          "resources",
          "callbacks",
          "recipe",
          "pipeline.artifacts");

  private JobPlanning() {}

  /** Equal in every field the planner reads. */
  static boolean same(Job a, Job b) {
    return ConfigDiffer.sameMeaningExcept(a, b, JobPlanning::executionOnly);
  }

  static boolean executionOnly(String path) {
    for (String field : EXECUTION_ONLY) {
      if (path.equals(field) || path.startsWith(field + ".") || path.startsWith(field + "[")) {
        return true;
      }
    }
    return false;
  }
}
