package dev.ciorchestrator.forge.gitlab;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.forge.hosted.HostedWorld;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;

/** A {@link FakeGitLab} with one project, {@code acme/app}; see {@link HostedWorld}. */
public final class GitLabWorld extends HostedWorld {
  public static final String TOKEN = "glpat-S3cretTokenValue0123";

  public final FakeGitLab gitlab;

  public GitLabWorld(Path dir) throws IOException, GitAPIException {
    this(dir, REPO);
  }

  /** As the default, with the repository named {@code repo}. */
  public GitLabWorld(Path dir, String repo) throws IOException, GitAPIException {
    super(dir, repo);
    this.gitlab = FakeGitLab.start(TOKEN);
    gitlab.botUsername(BOT);
    publishBranches();
  }

  @Override
  protected void branch(String name, String sha) {
    gitlab.branch(repo, name, sha);
  }

  @Override
  protected void advance(Duration d) {
    gitlab.advance(d);
  }

  @Override
  public Clock clock() {
    return gitlab.clock();
  }

  @Override
  public String id() {
    return "gl";
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
    return HostedWorld.repository("gl", method, trusted);
  }

  public GitLabForge forge(TestGitLabConnection c, Repository repository, ForgeApiMetrics m) {
    return GitLabForges.create(
        "gl",
        c,
        name -> null,
        clock(),
        m,
        sleeper(),
        r -> r.equals(repository.name()) ? Optional.of(repository) : Optional.empty());
  }

  @Override
  public GitLabForge forge(Repository repository) {
    return forge(connection(), repository, ForgeApiMetrics.NONE);
  }

  @Override
  public long open(String author, String title, String branch, String head, List<String> files) {
    return gitlab.openMergeRequest(repo, author, title, branch, head, "main", files);
  }

  @Override
  public void comment(long change, String login, String body) {
    gitlab.note(repo, change, login, body);
  }

  @Override
  public Map<String, String> statuses(String sha) {
    Map<String, String> out = new LinkedHashMap<>();
    gitlab.statuses(repo, sha).forEach(s -> out.put(s.name(), s.state()));
    return out;
  }

  @Override
  public List<String> labels(long change) {
    return gitlab.labels(repo, change);
  }

  @Override
  public List<String> mergedHeads() {
    return gitlab.merges().stream()
        .filter(m -> m.status() == 200)
        .map(FakeGitLab.MergeCall::sha)
        .toList();
  }

  @Override
  public List<String> log() {
    return gitlab.log();
  }

  @Override
  public void gitRemote() {
    gitlab.gitRemote(repo, remote.bare());
  }

  @Override
  public boolean merged(long change) {
    return gitlab.merged(repo, change);
  }

  @Override
  public void close() {
    gitlab.close();
    super.close();
  }
}
