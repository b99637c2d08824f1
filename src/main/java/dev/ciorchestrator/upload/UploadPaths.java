package dev.ciorchestrator.upload;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The names an upload may use. A run id is a run id; a file's path is a plain relative workspace
 * path: no absolute path, no {@code .} or {@code ..} segment, no empty segment, no backslash or
 * control character, so it can only ever land under the run's folder.
 */
final class UploadPaths {
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final int MAX_PATH = 1024;

  private UploadPaths() {}

  static String runId(String runId) throws UploadRefused {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new UploadRefused(400, "not a run id: " + runId, "id");
    }
    return runId;
  }

  /** {@code path} under {@code root}, or a 400 naming the field {@code path}. */
  static Path under(Path root, String path) throws UploadRefused {
    if (path == null || path.isEmpty() || path.length() > MAX_PATH) {
      throw refused(path, "it must be a workspace path of 1 to " + MAX_PATH + " characters");
    }
    if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.chars().anyMatch(c -> c < 0x20)) {
      throw refused(path, "it must be relative, with / separators and no control character");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw refused(path, "it may not have an empty, . or .. segment");
      }
    }
    Path target = root.resolve(path).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw refused(path, "it is outside the workspace");
    }
    return target;
  }

  /** A path that is a file for one upload and a folder for another ({@code a}, {@code a/b}). */
  static UploadRefused clash(String path) {
    return new UploadRefused(
        409, "path \"" + path + "\" clashes with a file uploaded before", "path");
  }

  private static UploadRefused refused(String path, String why) {
    return new UploadRefused(400, "path \"" + path + "\" refused: " + why, "path");
  }
}
