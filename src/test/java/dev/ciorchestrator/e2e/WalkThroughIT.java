package dev.ciorchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.testing.RequiredTools;
import dev.ciorchestrator.testing.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through, run as written: its {@code sh} blocks, in order, in one bash, from a
 * folder laid out like the checkout (the jar under {@code target/}, a copy of {@code examples/}),
 * against the packaged service started there with no setting at all, so the demo, the bind address
 * and the generated tokens are the defaults a new user gets. Only the port differs: the blocks'
 * {@code localhost:8080} becomes the test's port.
 */
class WalkThroughIT {
  private static final Path README = Path.of("README.md");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "mallory");

  @TempDir Path dir;

  @Test
  void theWalkThroughWorksAsWrittenWithTokensAndRunsTwice() throws Exception {
    for (String tool : List.of("bash", "git", "curl", "gcc", "make")) {
      RequiredTools.require(tool, "the README's walk-through uses it");
    }
    Path home = checkout();
    List<String> blocks = shellBlocks();
    assertThat(blocks).hasSize(7);
    String pushBlock =
        blocks.stream().filter(b -> b.contains("git push")).reduce((a, b) -> b).orElseThrow();
    ServiceProcess service = ServiceProcess.inFolder(home, Map.of());
    try {
      service.start();
      String firstLog = service.log();
      assertThat(firstLog).contains("Listening on: http://127.0.0.1:" + service.port());
      List<String> tokens = tokenFiles(home);
      assertThat(lines(firstLog, "API tokens generated for alice, bob, carol, dave, mallory"))
          .hasSize(1)
          .allSatisfy(
              l -> assertThat(l).contains(home.resolve(".ci-orchestrator/tokens").toString()));

      String script =
          String.join("\n", blocks).replace("localhost:8080", "localhost:" + service.port());
      assertHomePageAsTheReadmeSays(service);
      Shell first = bash(home, service, script);
      assertThat(first.exit()).as(first.output()).isZero();
      service.waitFor(
          "demo/hello-c#1 merges after carol's /approve",
          () -> "merged".equals(change(service, "demo/hello-c", 1).path("state").asText()));
      assertThat(change(service, "demo/hello-c", 1).path("comments").findValuesAsText("author"))
          .contains("carol");
      String pushed = branchTip(home, "demo/hello-go", "friendlier-greeting");
      service.waitFor(
          "demo/hello-go#1 follows the push",
          () -> pushed.equals(change(service, "demo/hello-go", 1).path("head").asText()));

      // the push block again: a new temporary clone, so it works every time
      Shell again = bash(home, service, blocks.get(0) + "\n" + pushBlock);
      assertThat(again.exit()).as(again.output()).isZero();
      String pushedAgain = branchTip(home, "demo/hello-go", "friendlier-greeting");
      assertThat(pushedAgain).isNotEqualTo(pushed);
      service.waitFor(
          "demo/hello-go#1 follows the second push",
          () -> pushedAgain.equals(change(service, "demo/hello-go", 1).path("head").asText()));

      Shell impersonating =
          bash(
              home,
              service,
              blocks.get(0) + "\nci change comment demo/hello-go 1 --author carol --body /approve");
      assertThat(impersonating.exit()).isEqualTo(1);
      assertThat(impersonating.output())
          .contains("author carol is not the owner of this request's token (alice)");
      Shell anonymous =
          bash(
              home,
              service,
              "shopt -s expand_aliases\nalias ci='java -jar target/quarkus-app/quarkus-run.jar'\nci change comment demo/hello-go 1 --body /approve");
      assertThat(anonymous.exit()).isEqualTo(1);
      assertThat(anonymous.output()).contains("this request needs a user's token");

      service.stop();
      service.start(); // the same folder: the files are read, not made again
      assertThat(tokenFiles(home)).isEqualTo(tokens);
      assertThat(service.log()).doesNotContain("API tokens generated");
      HttpResponse<String> label =
          service.send(
              service
                  .request("/api/v1/repos/demo/hello-go/changes/1/labels/kept")
                  .header("Authorization", "Bearer " + tokens.get(USERS.indexOf("bob")))
                  .PUT(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(label.statusCode()).as(label.body()).isEqualTo(200);
      for (String log : List.of(firstLog, service.log(), first.output())) {
        assertThat(log).doesNotContain(tokens.toArray(String[]::new));
      }
    } finally {
      service.close();
      Files.deleteIfExists(home.resolve("target")); // the link only; JUnit warns on links out
    }
  }

  /** "Open http://localhost:8080/": the demo change, and why it does not merge. */
  private static void assertHomePageAsTheReadmeSays(ServiceProcess service) throws Exception {
    service.waitFor(
        "the home page shows demo/hello-go#1 and its gate",
        () -> {
          try {
            String page = service.send(service.request("/").GET().build()).body();
            return page.contains("#1 Friendlier greeting")
                && page.contains(
                    "require-approval: needs 1 approval from someone other than alice");
          } catch (IOException e) {
            return false;
          }
        });
  }

  /** A folder laid out as the checkout the README speaks of. */
  private Path checkout() throws IOException {
    Path home = Files.createDirectories(dir.resolve("checkout"));
    Files.createSymbolicLink(home.resolve("target"), Path.of("target").toAbsolutePath());
    try (Stream<Path> files = Files.walk(Path.of("examples"))) {
      for (Path from : files.toList()) {
        if (Files.isDirectory(from)) {
          Files.createDirectories(home.resolve(from.toString()));
        } else {
          Files.copy(from, home.resolve(from.toString()));
        }
      }
    }
    return home;
  }

  /** The {@code sh} blocks of the README's walk-through section, in order. */
  private static List<String> shellBlocks() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("## Walk-through");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : section.split("\n", -1)) {
      if (block == null && line.equals("```sh")) {
        block = new StringBuilder();
      } else if (block != null && line.equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  private record Shell(int exit, String output) {}

  private static Shell bash(Path home, ServiceProcess service, String script)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(home.getParent(), "bash", ".out");
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", "shopt -s expand_aliases\nset -eu\n" + script)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    Map<String, String> env = builder.environment();
    env.put("CI_ORCHESTRATOR_SERVER", "http://localhost:" + service.port());
    env.remove("CI_ORCHESTRATOR_TOKEN");
    env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + env.get("PATH"));
    Process p = builder.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) { // a guard against a hang
      p.destroyForcibly();
      throw new AssertionError("the walk-through hangs:\n" + Files.readString(out));
    }
    return new Shell(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  /** Each user's token file, checked to be readable by this account only. */
  private static List<String> tokenFiles(Path home) throws IOException {
    List<String> tokens = new ArrayList<>();
    for (String user : USERS) {
      Path file = home.resolve(".ci-orchestrator/tokens/" + user);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.toString())
          .isEqualTo("rw-------");
      tokens.add(Files.readString(file).strip());
    }
    return tokens;
  }

  private static JsonNode change(ServiceProcess service, String repo, int number) {
    try {
      String path = "/api/v1/repos/" + repo + "/changes/" + number;
      return JSON.readTree(service.send(service.request(path).GET().build()).body());
    } catch (IOException e) {
      return JSON.nullNode();
    }
  }

  private static String branchTip(Path home, String repo, String branch) throws Exception {
    Process git =
        new ProcessBuilder(
                "git", "--git-dir", ".ci-orchestrator/repos/" + repo + ".git", "rev-parse", branch)
            .directory(home.toFile())
            .start();
    assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  private static List<String> lines(String log, String containing) {
    return log.lines().filter(l -> l.contains(containing)).toList();
  }
}
