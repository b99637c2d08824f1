package dev.ciorchestrator.forge.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * The Git facts one listing reads: the repository is opened at the first read and kept open until
 * the listing ends, so its packed refs and pack indexes are read once, not once per change; changes
 * sharing (target tip, head) share one read.
 */
final class FactsReader implements AutoCloseable {
  private record Key(String tip, String head) {}

  private final Path gitDir;
  private final Map<Key, GitFacts> read = new HashMap<>();
  private Repository repo;

  FactsReader(Path gitDir) {
    this.gitDir = gitDir;
  }

  /**
   * @param tip the target branch's tip as the listing saw it
   * @throws IOException if the repository, the tip or the head commit is missing
   */
  GitFacts read(String tip, String head) throws IOException {
    Key key = new Key(tip, head);
    GitFacts facts = read.get(key);
    if (facts == null) {
      if (!ObjectId.isId(tip)) {
        throw new IOException("target tip '" + tip + "' is not a commit SHA in " + gitDir);
      }
      if (repo == null) {
        repo = Branches.open(gitDir);
      }
      facts = GitFacts.read(repo, gitDir, ObjectId.fromString(tip), head);
      read.put(key, facts);
    }
    return facts;
  }

  @Override
  public void close() {
    if (repo != null) {
      repo.close();
    }
  }
}
