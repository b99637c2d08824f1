package dev.ciorchestrator.web;

import dev.ciorchestrator.config.sync.TestRepo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.Daemon;

/**
 * GitHub connections for {@code POST /hooks/github}: {@code gh} with a webhook secret and {@code
 * nosecret} without one; and a config repository served over {@code git://} on loopback by JGit's
 * daemon, so its URL has a host and path a push payload can name, as a GitHub URL would. No GitHub
 * forge adapter is needed: the hook only reads the config and fires events.
 */
public class GitHubHooksProfile implements QuarkusTestProfile {
  static final String SECRET = "webhook secret of gh";
  static final String CONFIG_REPO = "octo-org/ci-config";
  static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: octo-org/hello-world
      forge: gh
      ---
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: octo-org/unsigned
      forge: nosecret
      """;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "ci.forge.github.gh.webhook-secret", SECRET,
        "ci.forge.github.gh.token", "not-used-by-the-hook",
        "ci.forge.github.nosecret.token", "not-used-by-the-hook",
        "ci.webhooks.github.max-body-size", "16K");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(ServedConfigRepo.class));
  }

  /** The config repository as a work tree, served read-only at {@code git://127.0.0.1:<port>/}. */
  public static class ServedConfigRepo implements QuarkusTestResourceLifecycleManager {
    static volatile Path workTree;
    private Path dir;
    private Daemon daemon;

    @Override
    public Map<String, String> start() {
      try {
        dir = Files.createTempDirectory("github-hooks");
        workTree = dir.resolve("ci-config");
        try (TestRepo repo = TestRepo.init(workTree)) {
          repo.write("ci/repos.yaml", CONFIG).commit("repositories");
        }
        daemon = new Daemon(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon.setRepositoryResolver(
            (client, name) -> {
              String path = name.replaceFirst("^/+", "").replaceFirst("\\.git$", "");
              if (!path.equals(CONFIG_REPO)) {
                throw new RepositoryNotFoundException(name);
              }
              try {
                return new FileRepositoryBuilder()
                    .setGitDir(workTree.resolve(".git").toFile())
                    .build();
              } catch (IOException e) {
                throw new RepositoryNotFoundException(name, e);
              }
            });
        daemon.start();
        return Map.of(
            "ci.config.repo-url",
            "git://127.0.0.1:" + daemon.getAddress().getPort() + "/" + CONFIG_REPO + ".git",
            "ci.config.revision",
            "main",
            "ci.config.path",
            "ci",
            "ci.config.cache-dir",
            dir.resolve("cache").toString());
      } catch (Exception e) {
        throw new IllegalStateException("cannot serve the config repository", e);
      }
    }

    @Override
    public void stop() {
      daemon.stop();
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(f -> f.delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
