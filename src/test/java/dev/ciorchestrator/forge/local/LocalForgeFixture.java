package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A local forge on a temporary folder: a working repository to commit in, its bare clone where the
 * forge keeps {@code demo/app}, a store and the {@link LocalForge} over them.
 */
final class LocalForgeFixture implements AutoCloseable {
  static final String REPO = "demo/app";
  static final String BOT = "ci-orchestrator";
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  final TestGitRepo work;
  final Path reposDir;
  final Path bare;
  final Path stateFile;
  final LocalForgeStore store;
  final LocalForge forge;

  LocalForgeFixture(Path dir) throws IOException, GitAPIException {
    work = TestGitRepo.init(dir.resolve("work"));
    work.commit("main", TestGitRepo.files("a.txt", "1\n2\n3\n4\n5\n", "b.txt", "b\n"));
    reposDir = dir.resolve("repos");
    bare = work.bareClone(LocalRepos.bareRepoPath(reposDir, REPO));
    stateFile = dir.resolve("forge.json");
    store = new LocalForgeStore(stateFile, Clock.fixed(NOW, ZoneOffset.UTC));
    Repository config =
        new Repository(
            REPO, "local", "main", true, MergeMethod.MERGE, List.of("bob"), true, List.of(), null);
    forge =
        new LocalForge(
            store,
            reposDir,
            BOT,
            Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC),
            r -> r.equals(REPO) ? Optional.of(config) : Optional.empty());
  }

  /** Commits on {@code branch} in the working repository and pushes every branch to the forge. */
  String push(String branch, String... pathThenContent) throws IOException, GitAPIException {
    String sha = work.commit(branch, TestGitRepo.files(pathThenContent));
    work.pushAll(bare);
    return sha;
  }

  LocalChange open(String source, String head) throws IOException {
    return store.open(REPO, "Add feature", "alice", source, "main", false, head, NOW);
  }

  String tip(String branch) throws IOException {
    try (var git = Branches.open(bare)) {
      return git.exactRef(Constants.R_HEADS + branch).getObjectId().name();
    }
  }

  /** Moves {@code branch} in the forge's repository, as a push there would. */
  void setBranch(String branch, String sha) throws IOException {
    try (var git = Branches.open(bare)) {
      var update = git.updateRef(Constants.R_HEADS + branch);
      update.setNewObjectId(org.eclipse.jgit.lib.ObjectId.fromString(sha));
      update.forceUpdate();
    }
  }

  RevCommit commit(String sha) throws IOException {
    try (var git = Branches.open(bare);
        RevWalk walk = new RevWalk(git)) {
      RevCommit c = walk.parseCommit(git.resolve(sha));
      walk.parseBody(c);
      for (RevCommit p : c.getParents()) {
        walk.parseHeaders(p);
      }
      return c;
    }
  }

  @Override
  public void close() {
    work.close();
  }
}
