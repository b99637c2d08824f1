package dev.ciorchestrator.forge.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.internal.storage.file.FileSnapshot;
import org.eclipse.jgit.internal.storage.file.RefDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Every branch of a repository and its tip, read in one pass over {@code refs/heads/}, and read
 * again only when the refs changed on disk. Every reconcile pass asks twice per repository, and a
 * repository with thousands of branches would otherwise cost a file read per branch each time.
 *
 * <p>Housekeeping as a forge does it ({@code git pack-refs}): once more than {@link #PACK_LIMIT}
 * branches are loose files, they are packed into {@code packed-refs}, after which an unchanged
 * repository is recognised by the snapshot of that one file and of the {@code refs/heads} folders.
 * Git and JGit take the same lock files, so a concurrent push is safe.
 */
final class Branches {
  static final int PACK_LIMIT = 64;

  /** What the tips were read from; any change to these files means a fresh read. */
  private record Cached(List<FileSnapshot> snapshots, List<File> files, Map<String, String> tips) {
    boolean current() {
      for (int i = 0; i < files.size(); i++) {
        if (snapshots.get(i).isModified(files.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Map<Path, Cached> CACHE = new ConcurrentHashMap<>();

  private Branches() {}

  /** Branch name (without {@code refs/heads/}) to tip SHA, sorted by name. */
  static Map<String, String> read(Path gitDir) throws IOException {
    Path key = gitDir.toAbsolutePath().normalize();
    Cached cached = CACHE.get(key);
    if (cached != null && cached.current()) {
      return cached.tips();
    }
    // Snapshots first: a ref written while we read is then seen as a change next time.
    List<File> files = watched(key);
    List<FileSnapshot> snapshots = files.stream().map(FileSnapshot::save).toList();
    Map<String, String> tips = new TreeMap<>();
    try (Repository repo = open(key)) {
      RefDatabase refs = repo.getRefDatabase();
      List<String> loose = new ArrayList<>();
      for (Ref ref : refs.getRefsByPrefix(Constants.R_HEADS)) {
        if (ref.getObjectId() != null) {
          tips.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId().name());
        }
        if (ref.getStorage() == Ref.Storage.LOOSE) {
          loose.add(ref.getName());
        }
      }
      if (loose.size() > PACK_LIMIT && refs instanceof RefDirectory directory) {
        directory.pack(loose);
      }
    }
    Map<String, String> result = Collections.unmodifiableMap(tips);
    CACHE.put(key, new Cached(snapshots, files, result));
    return result;
  }

  static Repository open(Path gitDir) throws IOException {
    return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
  }

  /** {@code packed-refs} and every folder under {@code refs/heads}: a new ref changes one. */
  private static List<File> watched(Path gitDir) throws IOException {
    List<File> files = new ArrayList<>();
    files.add(gitDir.resolve(Constants.PACKED_REFS).toFile());
    Path heads = gitDir.resolve(Constants.R_HEADS);
    if (Files.isDirectory(heads)) {
      Files.walkFileTree(
          heads,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              files.add(dir.toFile());
              return FileVisitResult.CONTINUE;
            }
          });
    }
    return files;
  }
}
