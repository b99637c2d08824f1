package dev.ciorchestrator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.testing.RequiredTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the hello-c jobs exactly as {@code examples/ci-repo/jobs/c.yaml} writes them, in a checkout
 * of the demo change's branch: the demo must go green when a user walks through it.
 */
class HelloCBuildTest {
  private static final Path JOBS = Path.of("examples/ci-repo/jobs/c.yaml");

  @TempDir static Path tmp;
  private static Path checkout;

  @BeforeAll
  static void checkOutAddShout() throws IOException, GitAPIException {
    for (String tool : List.of("gcc", "make", "git", "bash")) {
      RequiredTools.require(tool, "the hello-c build test builds the demo with it");
    }
    Path repos = tmp.resolve("repos");
    LocalForgeStore store = new LocalForgeStore(tmp.resolve("forge.json"));
    DemoRepos.create(Path.of("examples"), repos, store, Clock.systemUTC());
    checkout = tmp.resolve("hello-c");
    // The c-lint script asks git for the files, so this must be a real clone, not an export.
    Git.cloneRepository()
        .setURI(repos.resolve("demo/hello-c.git").toUri().toString())
        .setDirectory(checkout.toFile())
        .setBranch("add-shout")
        .call()
        .close();
  }

  // c-nightly is left out: sanitizer runtimes are not everywhere gcc is.
  @ParameterizedTest
  @ValueSource(strings = {"c-lint", "c-test", "c-build"})
  void jobPassesOnTheAddShoutBranch(String job) throws IOException, InterruptedException {
    Map<String, Object> spec = job(job);
    ProcessBuilder process =
        new ProcessBuilder("bash", "-eo", "pipefail", "-c", (String) spec.get("run"))
            .directory(checkout.toFile())
            .redirectErrorStream(true)
            // A file, not a pipe: reading a pipe would block past the timeout on a hung build.
            .redirectOutput(tmp.resolve(job + ".log").toFile());
    @SuppressWarnings("unchecked")
    Map<String, Object> env = (Map<String, Object>) spec.getOrDefault("env", Map.of());
    env.forEach((k, v) -> process.environment().put(k, String.valueOf(v)));
    Process p = process.start();
    boolean finished = p.waitFor(2, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly();
    }
    String output = Files.readString(tmp.resolve(job + ".log"));
    assertThat(finished).as(job + " finished in time; output:\n" + output).isTrue();
    assertThat(p.exitValue()).as(job + " output:\n" + output).isZero();
    if (job.equals("c-test")) {
      assertThat(output).contains("all greet tests passed");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> job(String name) throws IOException {
    try (InputStream in = Files.newInputStream(JOBS)) {
      for (Object doc : new Yaml().loadAll(in)) {
        Map<String, Object> map = (Map<String, Object>) doc;
        if (name.equals(map.get("name"))) {
          return new HashMap<>(map);
        }
      }
    }
    throw new IllegalArgumentException("no job " + name + " in " + JOBS);
  }
}
