package dev.ciorchestrator.executor.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds programs on the orchestrator's own PATH, as {@link ProcessBuilder} would. A supervised job
 * is started by {@code setsid} in the job's environment, whose PATH is the job's: the program is
 * resolved here first, so a job's {@code env: {PATH: ...}} cannot change which bash or engine runs.
 */
final class Programs {
  /** A program that is not on the PATH, or a path that is not an executable file. */
  static final class NotFound extends NoSuchFileException {
    private static final long serialVersionUID = 1L;

    NotFound(String program) {
      super(program, null, program.contains("/") ? "not an executable file" : "not found on PATH");
    }
  }

  private Programs() {}

  static Path resolve(String program) throws NotFound {
    if (program.contains("/")) {
      Path path = Path.of(program).toAbsolutePath();
      if (Files.isRegularFile(path) && Files.isExecutable(path)) {
        return path;
      }
      throw new NotFound(program);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, program).toAbsolutePath();
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new NotFound(program);
  }
}
