package dev.ciorchestrator.forge.gitlab;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.forge.rest.Sleeper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A {@link FakeGitLab} with one project, {@code acme/app}, whose commits live in a real bare Git
 * repository the adapter's mirror fetches from, plus a clock reading the fake's time and a sleeper
 * that records and moves it. Public for scenario tests, benchmarks and ITs.
 */
public final class GitLabWorld implements AutoCloseable {
  public static final String REPO = "acme/app";
  public static final String TOKEN = "glpat-S3cretTokenValue0123";
  public static final String BOT = "ci-bot";

  public final FakeGitLab gitlab;
  public final Path dir;
  public final String mainSha;
  public final String featureSha;
  public final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
  public final Clock clock;
  private final TestGitRepo work;

  public GitLabWorld(Path dir) throws IOException, GitAPIException {
    this.dir = dir;
    this.gitlab = FakeGitLab.start(TOKEN);
    gitlab.botUsername(BOT);
    this.work = TestGitRepo.init(dir.resolve("work"));
    this.mainSha = work.commit("main", "main", TestGitRepo.files("README.md", "hello\n"));
    this.featureSha = work.commit("feature", "main", TestGitRepo.files("src/app.txt", "feature\n"));
    work.bareClone(dir.resolve("remote/" + REPO + ".git"));
    gitlab.branch(REPO, "main", mainSha);
    gitlab.branch(REPO, "feature", featureSha);
    FakeGitLab g = gitlab;
    this.clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return g.now();
          }
        };
  }

  /** A new commit on {@code branch}, pushed to the remote; its SHA. */
  public String pushCommit(String branch, String file, String content)
      throws IOException, GitAPIException {
    String sha = work.commit(branch, branch, TestGitRepo.files(file, content));
    work.push(dir.resolve("remote/" + REPO + ".git"), branch);
    return sha;
  }

  /** {@code count} branches {@code change-1 …} straight in the remote; their heads, in order. */
  public List<String> branches(int count) throws IOException {
    List<String> heads = TestGitRepo.branchesOnMain(dir.resolve("remote/" + REPO + ".git"), count);
    for (int n = 1; n <= heads.size(); n++) {
      gitlab.branch(REPO, "change-" + n, heads.get(n - 1));
    }
    return heads;
  }

  /** Settings for a token connection to the fake, cloning from the bare remote. */
  public TestGitLabConnection connection() {
    TestGitLabConnection c =
        new TestGitLabConnection(gitlab.apiUrl(), TOKEN, dir.resolve("mirrors"));
    c.bot = BOT;
    c.cloneUrl = dir.resolve("remote").toUri() + "{repo}.git";
    return c;
  }

  /** The project's config: {@code trusted} users, merging with {@code method}. */
  public static Repository repository(MergeMethod method, String... trusted) {
    return new Repository(
        REPO,
        "gl",
        "main",
        true,
        method,
        List.of(trusted),
        true,
        List.of(),
        SourcePosition.ofFile("test.yaml"));
  }

  public Sleeper sleeper() {
    return d -> {
      slept.add(d);
      gitlab.advance(d);
    };
  }

  public GitLabForge forge(TestGitLabConnection c, Repository repository, ForgeApiMetrics m) {
    return GitLabForges.create(
        "gl",
        c,
        name -> null,
        clock,
        m,
        sleeper(),
        repo -> repo.equals(repository.name()) ? Optional.of(repository) : Optional.empty());
  }

  public GitLabForge forge(Repository repository) {
    return forge(connection(), repository, ForgeApiMetrics.NONE);
  }

  /** Opens a merge request from {@code feature} by {@code author}. */
  public long openFeature(String author) {
    return gitlab.openMergeRequest(
        REPO, author, "Add the feature", "feature", featureSha, "main", List.of("src/app.txt"));
  }

  @Override
  public void close() {
    gitlab.close();
    work.close();
  }
}
