package dev.ciorchestrator.forge.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Every branch of a repository and its tip, read in one pass over {@code refs/heads/}. */
final class Branches {
  private Branches() {}

  /** Branch name (without {@code refs/heads/}) to tip SHA, sorted by name. */
  static Map<String, String> read(Path gitDir) throws IOException {
    try (Repository repo = open(gitDir)) {
      Map<String, String> tips = new TreeMap<>();
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        if (ref.getObjectId() != null) {
          tips.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId().name());
        }
      }
      return Collections.unmodifiableMap(tips);
    }
  }

  static Repository open(Path gitDir) throws IOException {
    return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
  }
}
