package dev.ciorchestrator.artifact;

import dev.ciorchestrator.domain.Glob;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The files of a workspace that {@code artifacts.paths} globs select, never one outside it. The
 * walk does not follow symbolic links, so a linked folder is not entered; a link that a glob
 * selects is collected only if its target is a regular file inside the workspace, and otherwise
 * refused with an error (a job must not be able to publish {@code /etc/passwd} as its artifact).
 */
public final class WorkspaceFiles {
  private WorkspaceFiles() {}

  /** One file to collect: its path as shown, and the real file to read. */
  public record Selected(String path, Path file) {}

  /**
   * The files {@code globs} select, by workspace path (used by the artifact store, and by the
   * Kubernetes upload sidecar, which selects with the same rules before it uploads).
   *
   * @throws ArtifactException naming what a glob selected that points outside the workspace
   */
  public static List<Selected> select(Path workspace, List<String> globs) throws IOException {
    Path root = workspace.toRealPath();
    List<Glob> compiled = globs.stream().map(Glob::compile).toList();
    TreeMap<String, Selected> found = new TreeMap<>();
    List<String> refused = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String rel = root.relativize(file).toString().replace('\\', '/');
            if (compiled.stream().noneMatch(g -> g.matches(rel))) {
              return FileVisitResult.CONTINUE;
            }
            if (attrs.isRegularFile()) {
              found.put(rel, new Selected(rel, file));
            } else if (attrs.isSymbolicLink()) {
              Path target = inside(root, file);
              if (target == null) {
                refused.add(rel);
              } else {
                found.put(rel, new Selected(rel, target));
              }
            }
            return FileVisitResult.CONTINUE;
          }
        });
    if (!refused.isEmpty()) {
      throw new ArtifactException(
          "artifacts: refused "
              + String.join(", ", refused)
              + ": a symbolic link to something outside the workspace or not a regular file");
    }
    return List.copyOf(found.values());
  }

  /** The link's target if it is a regular file inside {@code root}; null otherwise. */
  private static Path inside(Path root, Path link) {
    try {
      Path real = link.toRealPath();
      return real.startsWith(root) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)
          ? real
          : null;
    } catch (IOException e) {
      return null; // dangling
    }
  }
}
