package dev.ciorchestrator.forge.gitea;

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

/** A {@link FakeGitea} with one repository, {@code acme/app}; see {@link HostedWorld}. */
public final class GiteaWorld extends HostedWorld {
  public static final String TOKEN = "gtea_S3cretTokenValue0123";

  public final FakeGitea gitea;

  public GiteaWorld(Path dir) throws IOException, GitAPIException {
    this(dir, REPO);
  }

  /** As the default, with the repository named {@code repo}. */
  public GiteaWorld(Path dir, String repo) throws IOException, GitAPIException {
    super(dir, repo);
    this.gitea = FakeGitea.start(TOKEN);
    gitea.botLogin(BOT);
    publishBranches();
  }

  @Override
  protected void branch(String name, String sha) {
    gitea.branch(repo, name, sha);
  }

  @Override
  protected void advance(Duration d) {
    gitea.advance(d);
  }

  @Override
  public Clock clock() {
    return gitea.clock();
  }

  @Override
  public String id() {
    return "gt";
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
    return HostedWorld.repository("gt", method, trusted);
  }

  public GiteaForge forge(TestGiteaConnection c, Repository repository, ForgeApiMetrics m) {
    return GiteaForges.create(
        "gt",
        c,
        name -> null,
        clock(),
        m,
        sleeper(),
        r -> r.equals(repository.name()) ? Optional.of(repository) : Optional.empty());
  }

  @Override
  public GiteaForge forge(Repository repository) {
    return forge(connection(), repository, ForgeApiMetrics.NONE);
  }

  @Override
  public long open(String author, String title, String branch, String head, List<String> files) {
    return gitea.openPull(repo, author, title, branch, head, "main", files);
  }

  @Override
  public void comment(long change, String login, String body) {
    gitea.comment(repo, change, login, body);
  }

  @Override
  public Map<String, String> statuses(String sha) {
    Map<String, String> out = new LinkedHashMap<>();
    gitea.statuses(repo, sha).forEach(s -> out.put(s.context(), s.state()));
    return out;
  }

  @Override
  public List<String> labels(long change) {
    return gitea.labels(repo, change);
  }

  @Override
  public List<String> mergedHeads() {
    return gitea.merges().stream()
        .filter(m -> m.status() == 200)
        .map(FakeGitea.MergeCall::headCommitId)
        .toList();
  }

  @Override
  public List<String> log() {
    return gitea.log();
  }

  @Override
  public void gitRemote() {
    gitea.gitRemote(repo, remote.bare());
  }

  @Override
  public boolean merged(long change) {
    return gitea.merged(repo, change);
  }

  @Override
  public void close() {
    gitea.close();
    super.close();
  }
}
