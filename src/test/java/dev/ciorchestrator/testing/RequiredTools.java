package dev.ciorchestrator.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Tools a test needs beyond the JDK. Without one, the test is skipped with the reason, except under
 * {@code CI=true}, where it fails: {@code .ci/run} installs every tool the suite needs, so a
 * missing one there is a broken CI script, not a reason to skip.
 */
public final class RequiredTools {
  private RequiredTools() {}

  /** True when the suite runs in CI ({@code CI=true}), where nothing may be skipped for a tool. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** The executable {@code tool} on the {@code PATH}, if any. */
  public static Optional<Path> onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return Optional.of(Path.of(dir, tool));
      }
    }
    return Optional.empty();
  }

  /**
   * The executable {@code tool} on the {@code PATH}; otherwise skips the calling test, or fails it
   * under {@code CI=true}.
   *
   * @param hint what provides it and what the test does with it, e.g. "Debian package prometheus:
   *     the dashboard queries run against it"
   */
  public static Path require(String tool, String hint) {
    Optional<Path> found = onPath(tool);
    if (found.isEmpty()) {
      missing(tool + " is not on the PATH (" + hint + ")");
    }
    return found.orElseThrow();
  }

  /** Skips the calling test with {@code why}, or fails it under {@code CI=true}. */
  public static void missing(String why) {
    if (inCi()) {
      throw new AssertionError(why + "; under CI=true it is required (.ci/run installs it)");
    }
    Assumptions.abort(why);
  }
}
