package dev.ciorchestrator.forge.hosted;

import dev.ciorchestrator.forge.local.TestGitRepo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The real Git side of a fake hosted forge: a work repository with {@code main} (a README) and
 * {@code feature} (adding {@code src/app.txt}), cloned bare to {@code remote/<repo>.git}, which is
 * what an adapter's mirror fetches from.
 */
public final class RemoteRepo implements AutoCloseable {
  public final String repo;
  public final String mainSha;
  public final String featureSha;
  private final Path dir;
  private final TestGitRepo work;

  public RemoteRepo(Path dir, String repo) throws IOException, GitAPIException {
    this.dir = dir;
    this.repo = repo;
    this.work = TestGitRepo.init(dir.resolve("work"));
    this.mainSha = work.commit("main", "main", TestGitRepo.files("README.md", "hello\n"));
    this.featureSha = work.commit("feature", "main", TestGitRepo.files("src/app.txt", "feature\n"));
    work.bareClone(bare());
  }

  /** The bare repository the fake serves and the adapter clones. */
  public Path bare() {
    return dir.resolve("remote/" + repo + ".git");
  }

  /** The clone URL template ({@code {repo}}) that reaches the bare remote. */
  public String cloneUrl() {
    return dir.resolve("remote").toUri() + "{repo}.git";
  }

  /** A new commit on {@code branch}, pushed to the remote; its SHA. */
  public String pushCommit(String branch, String file, String content)
      throws IOException, GitAPIException {
    String sha = work.commit(branch, branch, TestGitRepo.files(file, content));
    work.push(bare(), branch);
    return sha;
  }

  /** A new branch {@code branch} off {@code from} writing {@code file}, pushed; its SHA. */
  public String pushBranch(String branch, String from, String file, String content)
      throws IOException, GitAPIException {
    String sha = work.commit(branch, from, TestGitRepo.files(file, content));
    work.push(bare(), branch);
    return sha;
  }

  /** {@code count} branches {@code change-1 …} straight in the remote; their heads, in order. */
  public List<String> branches(int count) throws IOException {
    return TestGitRepo.branchesOnMain(bare(), count);
  }

  @Override
  public void close() {
    work.close();
  }
}
