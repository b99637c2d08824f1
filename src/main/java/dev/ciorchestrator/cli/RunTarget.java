package dev.ciorchestrator.cli;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * What {@code run} tests, as the run key and spec CI would use: a change of the local forge (merged
 * onto its target branch), or a branch or SHA as a push run.
 */
record RunTarget(RunKey key, Trigger trigger, RunSpec spec) {
  /** A target that cannot be found; the message says which. */
  static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  /**
   * @param repoName the repository's {@code owner/name} as the config knows it ({@link
   *     RepoIdentity}); a change is looked for there first
   */
  static RunTarget of(RunOptions options, Job job, String repoName) throws IOException, NotFound {
    if (options.change() > 0) {
      return change(options, job, repoName);
    }
    try (Repository repo = open(options.repo())) {
      // no --ref: the checked-out branch (or the SHA of a detached HEAD)
      String ref = options.ref() != null ? options.ref() : repo.getBranch();
      ObjectId sha = repo.resolve(ref + "^{commit}");
      if (sha == null) {
        throw new NotFound("'" + ref + "' is not a branch or commit of " + options.repo());
      }
      RunKey key = RunKey.forPush(repoName, ref, sha.name(), job.name());
      return new RunTarget(key, Trigger.PUSH, new RunSpec(job, options.repo(), ref, null));
    }
  }

  private static RunTarget change(RunOptions options, Job job, String repoName)
      throws IOException, NotFound {
    Path file = options.forgeState();
    if (!Files.isRegularFile(file)) {
      // checked first: opening a store on a missing file would create its folder
      throw new NotFound("no local forge state at " + file + " (use --forge-state)");
    }
    LocalForgeStore forge = new LocalForgeStore(file); // read only: nothing here writes
    List<String> repos = forge.repos().contains(repoName) ? List.of(repoName) : forge.repos();
    List<LocalChange> found =
        repos.stream().flatMap(r -> forge.get(r, options.change()).stream()).toList();
    if (found.isEmpty()) {
      throw new NotFound("no change " + options.change() + " in " + file + " for " + repos);
    }
    if (found.size() > 1) {
      throw new NotFound(
          "change "
              + options.change()
              + " exists in several repositories: "
              + found.stream().map(LocalChange::repo).toList());
    }
    LocalChange c = found.get(0);
    RunKey key = RunKey.forChange(c.repo(), c.number(), c.headSha(), job.name(), 1);
    RunSpec spec = new RunSpec(job, options.repo(), c.targetBranch(), c.headSha());
    return new RunTarget(key, Trigger.PULL_REQUEST, spec);
  }

  private static Repository open(Path dir) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs.resolve(".git"))) {
      return builder.setWorkTree(abs.toFile()).build();
    }
    return builder.setGitDir(abs.toFile()).build();
  }
}
