package dev.ciorchestrator.executor.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One program to start for a run, whatever it is (bash, or a container engine's CLI).
 *
 * @param argv the program and its arguments; the program is looked up on the orchestrator's PATH
 * @param directory the working directory
 * @param env the whole environment of the program; nothing else is inherited
 * @param logFile stdout and stderr, merged and appended as they are written
 */
public record Command(List<String> argv, Path directory, Map<String, String> env, Path logFile) {
  public Command {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("no program to run");
    }
    Objects.requireNonNull(directory, "directory");
    env = Map.copyOf(env);
    Objects.requireNonNull(logFile, "logFile");
  }
}
