package dev.ciorchestrator.reports;

import dev.ciorchestrator.domain.Glob;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The regular files of a workspace, relative and with {@code /} separators, for glob matching. The
 * walk follows no symbolic link, skips {@code .git} and stops after {@link
 * ReportLimits#WALK_ENTRIES} entries (a problem says so).
 */
public final class WorkspaceFiles {
  private final Path root;
  private final List<String> relative;

  private WorkspaceFiles(Path root, List<String> relative) {
    this.root = root;
    this.relative = relative;
  }

  public static WorkspaceFiles matching(Path root, List<String> problems) {
    List<String> found = new ArrayList<>();
    int[] seen = {0};
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (++seen[0] > ReportLimits.WALK_ENTRIES) {
                return FileVisitResult.TERMINATE;
              }
              return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (++seen[0] > ReportLimits.WALK_ENTRIES) {
                return FileVisitResult.TERMINATE;
              }
              if (attrs.isRegularFile()) {
                found.add(root.relativize(file).toString().replace('\\', '/'));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      problems.add("cannot list the workspace: " + e.getMessage());
    }
    if (seen[0] > ReportLimits.WALK_ENTRIES) {
      problems.add(
          "the workspace has more than "
              + ReportLimits.WALK_ENTRIES
              + " entries; reports beyond them were not looked for");
    }
    found.sort(null);
    return new WorkspaceFiles(root, found);
  }

  /** Files matching any of {@code globs}, in path order, at most {@code max}. */
  public List<Path> match(List<String> globs, int max, List<String> problems) {
    List<Glob> compiled = globs.stream().map(Glob::compile).toList();
    List<Path> out = new ArrayList<>();
    for (String file : relative) {
      if (compiled.stream().anyMatch(g -> g.matches(file))) {
        if (out.size() == max) {
          problems.add("more than " + max + " report files match; the rest were not read");
          break;
        }
        out.add(root.resolve(file));
      }
    }
    return out;
  }
}
