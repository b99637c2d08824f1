package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.GitLinks.Resolution;
import dev.ciorchestrator.config.model.ConfigFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads the config files of one commit straight from the object database. Nothing is checked out,
 * so a dirty or absent working tree can never leak into a snapshot that claims a commit SHA.
 */
final class GitTreeReader {
  private GitTreeReader() {}

  /**
   * @param path folder inside the commit, {@code ""} for the root; result paths are relative to it.
   *     A symbolic link is followed only to a regular file inside it ({@link ConfigLinks}).
   */
  static List<ConfigFile> read(Repository repo, ObjectId commitId, String path) throws IOException {
    try (ObjectReader reader = repo.newObjectReader();
        RevWalk revWalk = new RevWalk(reader)) {
      RevCommit commit = commit(revWalk, commitId);
      ObjectId root = folder(reader, commit, path);
      List<ConfigFile> files = new ArrayList<>();
      try (TreeWalk walk = new TreeWalk(reader)) {
        walk.addTree(root);
        walk.setRecursive(false);
        while (walk.next()) {
          collect(walk, reader, commit, path, files);
        }
      }
      files.sort(Comparator.comparing(ConfigFile::path));
      return List.copyOf(files);
    }
  }

  /** {@code /ci/}, {@code ./ci} and {@code ci} are the same folder; {@code ..} may not escape. */
  static String normalize(String path) {
    String p = path == null ? "" : path.strip().replace('\\', '/');
    p = p.replaceAll("/{2,}", "/").replaceAll("^(\\./)+|^/+|/+$", "");
    if (p.equals(".")) {
      return "";
    }
    for (String segment : p.split("/")) {
      if (segment.equals("..")) {
        throw new IllegalArgumentException("path must stay inside the repository: " + path);
      }
    }
    return p;
  }

  private static void collect(
      TreeWalk walk, ObjectReader reader, RevCommit commit, String folder, List<ConfigFile> files)
      throws IOException {
    String rel = walk.getPathString();
    if (ConfigPaths.hidden(rel)) {
      return; // not entering a dot-folder also spares reading its trees
    }
    FileMode mode = walk.getFileMode(0);
    if (walk.isSubtree()) {
      walk.enterSubtree();
    } else if (mode == FileMode.SYMLINK) {
      link(walk, reader, commit, folder).ifPresent(files::add);
    } else if ((mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE)
        && ConfigPaths.isYaml(walk.getNameString())) {
      ObjectId blob = walk.getObjectId(0);
      files.add(new ConfigFile(rel, blob.name(), readBounded(reader, blob)));
    }
  }

  /**
   * What a link of the config folder becomes (see {@link ConfigLinks}): its target read under the
   * link's name, an error, or nothing.
   */
  private static Optional<ConfigFile> link(
      TreeWalk walk, ObjectReader reader, RevCommit commit, String folder) throws IOException {
    String rel = walk.getPathString();
    String name = walk.getNameString();
    Resolution to =
        GitLinks.resolve(reader, commit.getTree(), folder.isEmpty() ? rel : folder + "/" + rel);
    boolean inside = GitLinks.inside(to.path(), folder);
    Optional<String> refusal = ConfigLinks.refusal(name, to.target(), inside);
    if (refusal.isPresent()) {
      return Optional.of(ConfigFile.refused(rel, refusal.get()));
    }
    if (ConfigLinks.followed(name, to.target(), inside)) {
      return Optional.of(new ConfigFile(rel, to.blob().name(), readBounded(reader, to.blob())));
    }
    return Optional.empty();
  }

  private static RevCommit commit(RevWalk revWalk, ObjectId commitId) throws IOException {
    try {
      return revWalk.parseCommit(commitId);
    } catch (MissingObjectException e) {
      throw new IOException("commit " + commitId.name() + " is not in the repository", e);
    }
  }

  private static ObjectId folder(ObjectReader reader, RevCommit commit, String path)
      throws IOException {
    if (path.isEmpty()) {
      return commit.getTree();
    }
    try (TreeWalk at = TreeWalk.forPath(reader, path, commit.getTree())) {
      if (at == null) {
        throw new IOException("path '" + path + "' not found at commit " + commit.name());
      }
      if (at.getFileMode(0) != FileMode.TREE) {
        throw new IOException("path '" + path + "' is not a folder at commit " + commit.name());
      }
      return at.getObjectId(0);
    }
  }

  /** Like {@link ConfigPaths#readBounded}: a huge blob is streamed, never loaded whole. */
  private static byte[] readBounded(ObjectReader reader, ObjectId blob) throws IOException {
    try (InputStream in = reader.open(blob).openStream()) {
      return in.readNBytes(YamlLimits.MAX_FILE_BYTES + 1);
    }
  }
}
