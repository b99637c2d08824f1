package dev.ciorchestrator.config.validation;

import java.util.Optional;

/**
 * Paths and globs a job names inside its workspace (report files, cache folders): the orchestrator
 * reads and writes there with its own rights, so nothing may point outside the workspace.
 */
public final class WorkspacePaths {
  private WorkspacePaths() {}

  /** Why {@code path} does not stay inside the workspace, if it does not. */
  public static Optional<String> problem(String path) {
    if (path.startsWith("/") || path.startsWith("~") || path.contains("\\")) {
      return Optional.of(
          "'" + path + "' must be relative to the workspace (no leading / or ~, no \\)");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        return Optional.of("'" + path + "' must stay inside the workspace (no '..' segment)");
      }
    }
    return Optional.empty();
  }
}
