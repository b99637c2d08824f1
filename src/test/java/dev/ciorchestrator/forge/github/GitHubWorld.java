package dev.ciorchestrator.forge.github;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.local.TestGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

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

  /**
   * {@code count} branches {@code change-1 …}, each one commit on {@code main} adding its own file,
   * written straight into the remote bare repository (a thousand checkouts would take minutes).
   *
   * @return the head SHA of each, in order
   */
  public List<String> branches(int count) throws IOException {
    Path bare = dir.resolve("remote/" + REPO + ".git");
    List<String> heads = new ArrayList<>(count);
    try (org.eclipse.jgit.lib.Repository repo =
            new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
        ObjectInserter inserter = repo.newObjectInserter();
        RevWalk walk = new RevWalk(repo)) {
      RevCommit main = walk.parseCommit(repo.resolve("refs/heads/main"));
      PersonIdent who = new PersonIdent("bench", "bench@example.com");
      for (int n = 1; n <= count; n++) {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], 0, walk.getObjectReader(), main.getTree());
        DirCacheEntry file = new DirCacheEntry("change-" + n + ".txt");
        file.setFileMode(FileMode.REGULAR_FILE);
        file.setObjectId(
            inserter.insert(
                Constants.OBJ_BLOB, ("change " + n + "\n").getBytes(StandardCharsets.UTF_8)));
        builder.add(file);
        builder.finish();
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(index.writeTree(inserter));
        commit.setParentId(main);
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage("Change " + n);
        ObjectId id = inserter.insert(commit);
        heads.add(id.name());
        RefUpdate update = repo.updateRef("refs/heads/change-" + n);
        update.setNewObjectId(id);
        update.forceUpdate();
        github.branch(REPO, "change-" + n, id.name());
      }
      inserter.flush();
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
