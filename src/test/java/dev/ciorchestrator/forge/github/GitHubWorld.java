package dev.ciorchestrator.forge.github;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A {@link FakeGitHub} with one repository, {@code acme/app}, whose commits live in a real bare Git
 * repository (the "remote" the adapter's mirror fetches from), plus the adapter's test doubles: a
 * clock that reads the fake's time, a sleeper that only records and moves that time, and metrics
 * that count. Public for reuse by scenario tests, benchmarks and ITs.
 */
public final class GitHubWorld implements AutoCloseable {
  public static final String REPO = "acme/app";
  public static final String TOKEN = "ghp_S3cretTokenValue0123456789";
  public static final String BOT = "ci-bot";

  public final FakeGitHub github;
  public final Path dir;
  public final String mainSha;
  public final String featureSha;
  public final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
  public final CountingMetrics metrics = new CountingMetrics();
  public final Clock clock;
  private final TestGitRepo work;

  /** Counts what the adapter reports to the metrics port. */
  public static final class CountingMetrics implements ForgeApiMetrics {
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger cached = new AtomicInteger();
    public final AtomicInteger rateLimited = new AtomicInteger();
    public final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void request(String forge, int status, boolean cachedAnswer) {
      if (!forge.equals("github")) {
        throw new AssertionError("forge tag " + forge);
      }
      requests.incrementAndGet();
      statuses.add(status);
      if (cachedAnswer) {
        cached.incrementAndGet();
      }
    }

    @Override
    public void rateLimited(String forge) {
      rateLimited.incrementAndGet();
    }
  }

  public GitHubWorld(Path dir) throws IOException, GitAPIException {
    this.dir = dir;
    this.github = FakeGitHub.start(TOKEN);
    github.botLogin(BOT);
    this.work = TestGitRepo.init(dir.resolve("work"));
    this.mainSha = work.commit("main", "main", TestGitRepo.files("README.md", "hello\n"));
    this.featureSha = work.commit("feature", "main", TestGitRepo.files("src/app.txt", "feature\n"));
    work.bareClone(dir.resolve("remote/" + REPO + ".git"));
    github.branch(REPO, "main", mainSha);
    github.branch(REPO, "feature", featureSha);
    FakeGitHub g = github;
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

  /** A new branch off {@code main} writing {@code file}, pushed and known to the fake; its SHA. */
  public String pushBranch(String branch, String file, String content)
      throws IOException, GitAPIException {
    String sha = work.commit(branch, "main", TestGitRepo.files(file, content));
    work.push(dir.resolve("remote/" + REPO + ".git"), branch);
    github.branch(REPO, branch, sha);
    return sha;
  }

  /**
   * {@code count} branches {@code change-1 …}, each one commit on {@code main} adding its own file,
   * written straight into the remote bare repository (a thousand checkouts would take minutes).
   *
   * @return the head SHA of each, in order
   */
  public List<String> branches(int count) throws IOException {
    Path bare = dir.resolve("remote/" + REPO + ".git");
    List<String> heads = TestGitRepo.branchesOnMain(bare, count);
    for (int n = 1; n <= heads.size(); n++) {
      github.branch(REPO, "change-" + n, heads.get(n - 1));
    }
    return heads;
  }

  /** Settings for a token connection to the fake, cloning from the bare remote. */
  public TestConnection connection() {
    TestConnection c = new TestConnection(github.apiUrl(), TOKEN, dir.resolve("mirrors"));
    c.bot = BOT;
    c.cloneUrl = dir.resolve("remote").toUri() + "{repo}.git";
    return c;
  }

  /** The repository's config: {@code trusted} users, merging with {@code method}. */
  public static Repository repository(MergeMethod method, String... trusted) {
    return new Repository(
        REPO,
        "gh",
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
      github.advance(d);
    };
  }

  public GitHubForge forge(TestConnection c, Repository repository) {
    return GitHubForges.create(
        "gh",
        c,
        name -> null,
        clock,
        metrics,
        sleeper(),
        repo -> repo.equals(repository.name()) ? Optional.of(repository) : Optional.empty());
  }

  public GitHubForge forge(Repository repository) {
    return forge(connection(), repository);
  }

  /** Opens a pull request from {@code feature} by {@code author}. */
  public long openFeature(String author) {
    return github.openPull(
        REPO, author, "Add the feature", "feature", featureSha, "main", List.of("src/app.txt"));
  }

  @Override
  public void close() {
    github.close();
    work.close();
  }
}
