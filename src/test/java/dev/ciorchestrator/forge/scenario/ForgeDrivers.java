package dev.ciorchestrator.forge.scenario;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.hosted.HostedWorld;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The four forges' {@link ForgeDriver}s, each over its fake (or the real local forge). */
final class ForgeDrivers {
  static final String REPO = "acme/app";

  private ForgeDrivers() {}

  private static String neutral(String state) {
    return switch (state) {
      case "pending", "running", "created" -> CommitStatus.State.PENDING.name();
      case "success" -> CommitStatus.State.SUCCESS.name();
      case "failure", "failed" -> CommitStatus.State.FAILURE.name();
      case "error", "canceled" -> CommitStatus.State.ERROR.name();
      default -> state;
    };
  }

  /** A hosted forge's fake, through its {@link HostedWorld}. */
  static final class Hosted implements ForgeDriver {
    private final HostedWorld world;

    Hosted(HostedWorld world) {
      this.world = world;
    }

    @Override
    public String id() {
      return world.id();
    }

    @Override
    public Forge forge(ConfigSnapshot config) {
      return world.forge(config.repository(REPO).orElseThrow());
    }

    @Override
    public long open(String author) {
      return world.openFeature(author);
    }

    @Override
    public String head() {
      return world.featureSha;
    }

    @Override
    public void comment(long change, String login, String body) {
      world.comment(change, login, body);
    }

    @Override
    public Map<String, String> statuses(String sha) {
      Map<String, String> out = new LinkedHashMap<>();
      world.statuses(sha).forEach((context, state) -> out.put(context, neutral(state)));
      return out;
    }

    @Override
    public List<String> labels(long change) {
      return world.labels(change);
    }

    @Override
    public List<String> mergedHeads() {
      return world.mergedHeads();
    }

    @Override
    public void close() {
      world.close();
    }
  }

  /** The embedded forge itself: its store and bare repositories in a temp folder. */
  static final class Local implements ForgeDriver {
    private final TestGitRepo work;
    private final Path reposDir;
    private final LocalForgeStore store;
    private final String featureSha;

    Local(Path dir) throws Exception {
      work = TestGitRepo.init(dir.resolve("work"));
      work.commit("main", "main", TestGitRepo.files("README.md", "hello\n"));
      featureSha = work.commit("feature", "main", TestGitRepo.files("src/app.txt", "feature\n"));
      reposDir = dir.resolve("repos");
      Path bare = work.bareClone(LocalRepos.bareRepoPath(reposDir, REPO));
      work.push(bare, "feature");
      store = new LocalForgeStore(dir.resolve("forge.json"), Clock.systemUTC());
    }

    @Override
    public String id() {
      return "local";
    }

    @Override
    public Forge forge(ConfigSnapshot config) {
      return new LocalForge(
          store,
          reposDir,
          "ci-orchestrator",
          Clock.systemUTC(),
          r -> r.equals(REPO) ? config.repository(REPO) : Optional.empty());
    }

    @Override
    public long open(String author) throws Exception {
      return store
          .open(
              REPO, "Add the feature", author, "feature", "main", false, featureSha, Instant.now())
          .number();
    }

    @Override
    public String head() {
      return featureSha;
    }

    @Override
    public void comment(long change, String login, String body) throws Exception {
      store.comment(REPO, change, login, body, Instant.now());
    }

    @Override
    public Map<String, String> statuses(String sha) {
      Map<String, String> out = new LinkedHashMap<>();
      store.statuses(REPO, sha).forEach((context, s) -> out.put(context, s.state().name()));
      return out;
    }

    @Override
    public List<String> labels(long change) {
      return store.get(REPO, change).map(LocalChange::labels).orElse(List.of());
    }

    @Override
    public List<String> mergedHeads() {
      return store.all(REPO).stream()
          .filter(c -> c.state() == LocalChange.State.MERGED)
          .map(LocalChange::headSha)
          .toList();
    }

    @Override
    public void close() {
      work.close();
    }
  }
}
