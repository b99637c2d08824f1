package dev.ciorchestrator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.cli.Folders;
import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.testing.RequiredTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every job of {@code examples/ci-repo} as the loader expands it (recipes included), in a
 * clone of its demo's change branch, with the real tools: the demo must go green when a user walks
 * through it. Needs each job's tool, like CI.
 */
class DemoJobsTest {
  /** Jobs that need a tool beyond gcc and make (Go jobs need go), by job name. */
  private static final Map<String, String> TOOLS =
      Map.of(
          "go-staticcheck", "go-staticcheck",
          "go-vulncheck", "govulncheck",
          "c-cppcheck", "cppcheck",
          "c-flawfinder", "flawfinder",
          "c-clang-tidy", "clang-tidy",
          "c-coverage", "gcovr",
          "c-valgrind", "valgrind");

  @TempDir static Path tmp;
  private static ConfigSnapshot snapshot;
  private static Map<String, Path> checkouts;

  @BeforeAll
  static void cloneTheDemoChanges() throws IOException, GitAPIException {
    for (String tool : List.of("gcc", "make", "git", "bash")) {
      RequiredTools.require(tool, "the demo jobs build the demo with it");
    }
    Path repos = tmp.resolve("repos");
    DemoRepos.create(
        Path.of("examples"),
        repos,
        new LocalForgeStore(tmp.resolve("forge.json")),
        Clock.systemUTC());
    checkouts =
        Map.of(
            "demo/hello-c", clone(repos, "demo/hello-c", "add-shout"),
            "demo/hello-go", clone(repos, "demo/hello-go", "friendlier-greeting"));
    snapshot = exampleConfig();
  }

  static Stream<Arguments> jobs() throws IOException {
    return exampleConfig().jobs().stream().map(j -> Arguments.of(j.repos().get(0), j.name()));
  }

  private static ConfigSnapshot exampleConfig() throws IOException {
    var files = new DirectoryConfigSource(Path.of("examples/ci-repo")).read(null);
    LoadResult result = new ConfigLoader(new CelPolicyEngine()).load("rev", files);
    return ((LoadResult.Loaded) result).snapshot();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("jobs")
  void jobPassesOnTheDemoChange(String repo, String name) throws Exception {
    if (repo.equals("demo/hello-go")) {
      RequiredTools.require("go", "Debian package golang-go: the Go demo's jobs run it");
    }
    if (TOOLS.containsKey(name)) {
      RequiredTools.require(TOOLS.get(name), "Debian package of that name: job " + name);
    }
    Job job = snapshot.job(name).orElseThrow();
    // Each job in a fresh copy, as each run gets a fresh workspace.
    Path checkout = Folders.copy(checkouts.get(repo), tmp.resolve("runs/" + name));
    Path script = Files.writeString(tmp.resolve(name + ".sh"), job.run());
    Path log = tmp.resolve(name + ".log");
    ProcessBuilder process =
        new ProcessBuilder(
                "bash", "--noprofile", "--norc", "-e", "-o", "pipefail", script.toString())
            .directory(checkout.toFile())
            .redirectErrorStream(true)
            // A file, not a pipe: reading a pipe would block past the timeout on a hung build.
            .redirectOutput(log.toFile());
    Map<String, String> env = process.environment();
    env.putAll(job.env());
    // Offline Go: no module proxy, no toolchain download; the test database for govulncheck.
    env.put("GOPROXY", "off");
    env.put("GOTOOLCHAIN", "local");
    env.put("GOCACHE", tmp.resolve("gocache").toString());
    env.put("GOVULNDB", Path.of("src/test/resources/recipes/govulndb").toAbsolutePath().toString());
    Process p = process.start();
    boolean finished = p.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(finished).as(name + " finished in time; output:\n" + output).isTrue();
    assertThat(p.exitValue()).as(name + " output:\n" + output).isZero();
    if (name.equals("c-test")) {
      assertThat(output).contains("all greet tests passed");
    }
  }

  private static Path clone(Path repos, String repo, String branch) throws GitAPIException {
    Path checkout = tmp.resolve("clones/" + repo);
    Git.cloneRepository()
        .setURI(repos.resolve(repo + ".git").toUri().toString())
        .setDirectory(checkout.toFile())
        .setBranch(branch)
        .call()
        .close();
    return checkout;
  }
}
