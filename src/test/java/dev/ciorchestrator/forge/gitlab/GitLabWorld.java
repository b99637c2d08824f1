package dev.ciorchestrator.forge.gitlab;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.hosted.RemoteRepo;
import dev.ciorchestrator.forge.rest.Sleeper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A {@link FakeGitLab} with one project, {@code acme/app}, whose commits live in a real bare Git
 * repository ({@link RemoteRepo}), plus a clock reading the fake's time and a sleeper that records
 * and moves it. Public for scenario tests, benchmarks and ITs.
 */
public final class GitLabWorld implements AutoCloseable {
  public static final String REPO = "acme/app";
  public static final String TOKEN = "glpat-S3cretTokenValue0123";
  public static final String BOT = "ci-bot";

  public final FakeGitLab gitlab;
  public final Path dir;
  public final RemoteRepo remote;
  public final String mainSha;
  public final String featureSha;
  public final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
  public final Clock clock;

  public GitLabWorld(Path dir) throws IOException, GitAPIException {
    this.dir = dir;
    this.gitlab = FakeGitLab.start(TOKEN);
    gitlab.botUsername(BOT);
    this.remote = new RemoteRepo(dir, REPO);
    this.mainSha = remote.mainSha;
    this.featureSha = remote.featureSha;
    gitlab.branch(REPO, "main", mainSha);
    gitlab.branch(REPO, "feature", featureSha);
    this.clock = gitlab.clock();
  }

  /** {@code count} branches {@code change-1 …} in the remote and on GitLab; their heads. */
  public List<String> branches(int count) throws IOException {
    List<String> heads = remote.branches(count);
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
    c.cloneUrl = remote.cloneUrl();
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
    remote.close();
  }
}
