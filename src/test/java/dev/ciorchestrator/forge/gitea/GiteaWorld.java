package dev.ciorchestrator.forge.gitea;

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
 * A {@link FakeGitea} with one repository, {@code acme/app}, whose commits live in a real bare Git
 * repository ({@link RemoteRepo}), plus a clock reading the fake's time and a sleeper that records
 * and moves it. Public for scenario tests, benchmarks and ITs.
 */
public final class GiteaWorld implements AutoCloseable {
  public static final String REPO = "acme/app";
  public static final String TOKEN = "gtea_S3cretTokenValue0123";
  public static final String BOT = "ci-bot";

  public final FakeGitea gitea;
  public final Path dir;
  public final RemoteRepo remote;
  public final String mainSha;
  public final String featureSha;
  public final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
  public final Clock clock;

  public GiteaWorld(Path dir) throws IOException, GitAPIException {
    this.dir = dir;
    this.gitea = FakeGitea.start(TOKEN);
    gitea.botLogin(BOT);
    this.remote = new RemoteRepo(dir, REPO);
    this.mainSha = remote.mainSha;
    this.featureSha = remote.featureSha;
    gitea.branch(REPO, "main", mainSha);
    gitea.branch(REPO, "feature", featureSha);
    this.clock = gitea.clock();
  }

  /** {@code count} branches {@code change-1 …} in the remote and on Gitea; their heads. */
  public List<String> branches(int count) throws IOException {
    List<String> heads = remote.branches(count);
    for (int n = 1; n <= heads.size(); n++) {
      gitea.branch(REPO, "change-" + n, heads.get(n - 1));
    }
    return heads;
  }

  /** Settings for a token connection to the fake, cloning from the bare remote. */
  public TestGiteaConnection connection() {
    TestGiteaConnection c = new TestGiteaConnection(gitea.apiUrl(), TOKEN, dir.resolve("mirrors"));
    c.bot = BOT;
    c.cloneUrl = remote.cloneUrl();
    return c;
  }

  /** The repository's config: {@code trusted} users, merging with {@code method}. */
  public static Repository repository(MergeMethod method, String... trusted) {
    return new Repository(
        REPO,
        "gt",
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
      gitea.advance(d);
    };
  }

  public GiteaForge forge(TestGiteaConnection c, Repository repository, ForgeApiMetrics m) {
    return GiteaForges.create(
        "gt",
        c,
        name -> null,
        clock,
        m,
        sleeper(),
        repo -> repo.equals(repository.name()) ? Optional.of(repository) : Optional.empty());
  }

  public GiteaForge forge(Repository repository) {
    return forge(connection(), repository, ForgeApiMetrics.NONE);
  }

  /** Opens a pull request from {@code feature} by {@code author}. */
  public long openFeature(String author) {
    return gitea.openPull(
        REPO, author, "Add the feature", "feature", featureSha, "main", List.of("src/app.txt"));
  }

  @Override
  public void close() {
    gitea.close();
    remote.close();
  }
}
