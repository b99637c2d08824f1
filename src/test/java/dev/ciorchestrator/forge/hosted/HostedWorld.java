package dev.ciorchestrator.forge.hosted;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.rest.Sleeper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A hosted forge's fake with one repository ({@code acme/app} by default), whose commits live in a
 * real bare Git repository ({@link RemoteRepo}), plus a clock reading the fake's time and a sleeper
 * that records and moves it; and what a test does there as a person would (open, comment) or reads
 * back (statuses, labels, merges), whatever the forge. Public for scenario tests, benchmarks and
 * ITs.
 */
public abstract class HostedWorld implements AutoCloseable {
  public static final String REPO = "acme/app";
  public static final String BOT = "ci-bot";

  public final Path dir;

  /** The repository's name on the fake: {@link #REPO} unless another was asked for. */
  public final String repo;

  public final RemoteRepo remote;
  public final String mainSha;
  public final String featureSha;
  public final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());

  protected HostedWorld(Path dir, String repo) throws IOException, GitAPIException {
    this.dir = dir;
    this.repo = repo;
    this.remote = new RemoteRepo(dir, repo);
    this.mainSha = remote.mainSha;
    this.featureSha = remote.featureSha;
  }

  /** Tells the fake that {@code name} points at {@code sha}. */
  protected abstract void branch(String name, String sha);

  /** Moves the fake's clock. */
  protected abstract void advance(Duration d);

  /** The fake's clock. */
  public abstract Clock clock();

  /** The connection id the config's {@code forge:} names. */
  public abstract String id();

  /** The adapter for {@code repository}, as the service would build it. */
  public abstract Forge forge(Repository repository);

  /** Opens a change from {@code branch} (at {@code head}, changing {@code files}) into main. */
  public abstract long open(
      String author, String title, String branch, String head, List<String> files);

  public abstract void comment(long change, String login, String body);

  /** The newest state of each status context on {@code sha}, in the forge's own words. */
  public abstract Map<String, String> statuses(String sha);

  public abstract List<String> labels(long change);

  /** The heads merges were called with and succeeded for, in order. */
  public abstract List<String> mergedHeads();

  /** Every request the fake received, in order ({@code METHOD /path}). */
  public abstract List<String> log();

  /** Backs the fake with the bare remote: its merges and branches become real Git. */
  public abstract void gitRemote();

  /** Whether change {@code change} is merged. */
  public abstract boolean merged(long change);

  /** {@code main} and {@code feature}, as the remote has them, told to the fake. */
  protected final void publishBranches() {
    branch("main", mainSha);
    branch("feature", featureSha);
  }

  /** {@code count} branches {@code change-1 …} in the remote and on the fake; their heads. */
  public List<String> branches(int count) throws IOException {
    List<String> heads = remote.branches(count);
    for (int n = 1; n <= heads.size(); n++) {
      branch("change-" + n, heads.get(n - 1));
    }
    return heads;
  }

  /** Opens a change from {@code feature} by {@code author}. */
  public long openFeature(String author) {
    return open(author, "Add the feature", "feature", featureSha, List.of("src/app.txt"));
  }

  public Sleeper sleeper() {
    return d -> {
      slept.add(d);
      advance(d);
    };
  }

  /** The repository's config on connection {@code forge}: {@code trusted} users, {@code method}. */
  public static Repository repository(String forge, MergeMethod method, String... trusted) {
    return new Repository(
        REPO,
        forge,
        "main",
        true,
        method,
        List.of(trusted),
        true,
        List.of(),
        SourcePosition.ofFile("test.yaml"));
  }

  @Override
  public void close() {
    remote.close();
  }
}
