package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.ConfigLinks.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Resolves a symbolic link of a commit the way {@code realpath(3)} would in a checkout of it, but
 * inside the commit's tree only: a target out of the repository is never looked for on the machine.
 */
final class GitLinks {
  /** Linux gives up after 40 links in a row ({@code ELOOP}); so does this. */
  private static final int MAX_LINKS = 40;

  /** Longer than any path Linux accepts; a bigger blob is not a usable link. */
  private static final int MAX_LINK_BYTES = 4096;

  /**
   * Where a link leads.
   *
   * @param path the resolved path from the repository root, when {@code target} is a file or folder
   * @param blob the resolved object, when {@code target} is a file
   */
  record Resolution(Target target, String path, ObjectId blob) {
    static Resolution of(Target target) {
      return new Resolution(target, "", null);
    }
  }

  private GitLinks() {}

  /** Resolves {@code linkPath}, a path from the root of {@code tree}. */
  static Resolution resolve(ObjectReader reader, ObjectId tree, String linkPath)
      throws IOException {
    Deque<String> todo = new ArrayDeque<>(Arrays.asList(linkPath.split("/")));
    List<String> done = new ArrayList<>();
    FileMode mode = FileMode.TREE;
    ObjectId id = tree;
    int links = 0;
    while (!todo.isEmpty()) {
      String segment = todo.pollFirst();
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (done.isEmpty()) {
          return Resolution.of(Target.UNKNOWN);
        }
        done.remove(done.size() - 1);
        mode = FileMode.TREE; // a parent of something is always a folder
        continue;
      }
      if (mode != FileMode.TREE) {
        return Resolution.of(Target.NOWHERE); // a file used as a folder
      }
      String path = done.isEmpty() ? segment : String.join("/", done) + "/" + segment;
      try (TreeWalk at = TreeWalk.forPath(reader, path, tree)) {
        if (at == null) {
          return Resolution.of(Target.NOWHERE);
        }
        mode = at.getFileMode(0);
        id = at.getObjectId(0);
      }
      if (mode == FileMode.SYMLINK) {
        if (++links > MAX_LINKS) {
          return Resolution.of(Target.NOWHERE);
        }
        String text = linkText(reader, id);
        if (text.startsWith("/")) {
          return Resolution.of(Target.UNKNOWN);
        }
        List<String> next = Arrays.asList(text.split("/"));
        for (int i = next.size() - 1; i >= 0; i--) {
          todo.addFirst(next.get(i));
        }
        mode = FileMode.TREE; // continue from the link's folder
        continue;
      }
      done.add(segment);
    }
    return new Resolution(kind(mode), String.join("/", done), id);
  }

  /** A {@code path} from the repository root is in {@code folder} ({@code ""} is the root). */
  static boolean inside(String path, String folder) {
    return folder.isEmpty() || path.equals(folder) || path.startsWith(folder + "/");
  }

  private static Target kind(FileMode mode) {
    if (mode == FileMode.TREE) {
      return Target.FOLDER;
    }
    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE
        ? Target.REGULAR_FILE
        : Target.OTHER;
  }

  private static String linkText(ObjectReader reader, ObjectId blob) throws IOException {
    try (InputStream in = reader.open(blob).openStream()) {
      return new String(in.readNBytes(MAX_LINK_BYTES), StandardCharsets.UTF_8);
    }
  }
}
