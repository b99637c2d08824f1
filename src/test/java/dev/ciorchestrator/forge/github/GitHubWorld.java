package dev.ciorchestrator.forge.github;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.hosted.HostedWorld;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A {@link FakeGitHub} with one repository, {@code acme/app} (see {@link HostedWorld}), plus
 * metrics that count what the adapter reports.
 */
public final class GitHubWorld extends HostedWorld {
  public static final String TOKEN = "ghp_S3cretTokenValue0123456789";

  public final FakeGitHub github;
  public final CountingMetrics metrics = new CountingMetrics();
  private final Clock clock;

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
    this(dir, REPO);
  }

  /** As the default, with the repository named {@code repo}. */
  public GitHubWorld(Path dir, String repo) throws IOException, GitAPIException {
    super(dir, repo);
    this.github = FakeGitHub.start(TOKEN);
    github.botLogin(BOT);
    publishBranches();
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

  @Override
  protected void branch(String name, String sha) {
    github.branch(repo, name, sha);
  }

  @Override
  protected void advance(Duration d) {
    github.advance(d);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public String id() {
    return "gh";
  }

  /** A new commit on {@code branch}, pushed to the remote; its SHA. */
  public String pushCommit(String branch, String file, String content)
      throws IOException, GitAPIException {
    return remote.pushCommit(branch, file, content);
  }

  /** A new branch off {@code main} writing {@code file}, pushed and known to the fake; its SHA. */
  public String pushBranch(String branch, String file, String content)
      throws IOException, GitAPIException {
    String sha = remote.pushBranch(branch, "main", file, content);
    github.branch(repo, branch, sha);
    return sha;
  }

  /** Settings for a token connection to the fake, cloning from the bare remote. */
  public TestConnection connection() {
    TestConnection c = new TestConnection(github.apiUrl(), TOKEN, dir.resolve("mirrors"));
    c.bot = BOT;
    c.cloneUrl = remote.cloneUrl();
    return c;
  }

  /** The repository's config: {@code trusted} users, merging with {@code method}. */
  public static Repository repository(MergeMethod method, String... trusted) {
    return HostedWorld.repository("gh", method, trusted);
  }

  public GitHubForge forge(TestConnection c, Repository repository) {
    return GitHubForges.create(
        "gh",
        c,
        name -> null,
        clock,
        metrics,
        sleeper(),
        r -> r.equals(repository.name()) ? Optional.of(repository) : Optional.empty());
  }

  @Override
  public GitHubForge forge(Repository repository) {
    return forge(connection(), repository);
  }

  @Override
  public long open(String author, String title, String branch, String head, List<String> files) {
    return github.openPull(repo, author, title, branch, head, "main", files);
  }

  @Override
  public void comment(long change, String login, String body) {
    github.comment(repo, change, login, body);
  }

  @Override
  public Map<String, String> statuses(String sha) {
    Map<String, String> out = new LinkedHashMap<>();
    github.statuses(repo, sha).forEach(s -> out.put(s.context(), s.state()));
    return out;
  }

  @Override
  public List<String> labels(long change) {
    return github.labels(repo, change);
  }

  @Override
  public List<String> mergedHeads() {
    return github.merges().stream()
        .filter(m -> m.status() == 200)
        .map(FakeGitHub.MergeCall::sha)
        .toList();
  }

  @Override
  public List<String> log() {
    return github.log();
  }

  @Override
  public void gitRemote() {
    github.gitRemote(repo, remote.bare());
  }

  @Override
  public boolean merged(long change) {
    return github.merged(repo, change);
  }

  @Override
  public void close() {
    github.close();
    super.close();
  }
}
