package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.local.LocalForgeSettings;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.testing.TestUsers;
import dev.ciorchestrator.web.LocalForgeReposProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code change ...} against the running test service, as a user's shell would call it. */
@QuarkusTest
@TestProfile(LocalForgeReposProfile.class)
class ChangeCommandTest {
  @TestHTTPResource("/")
  URL url;

  @Inject LocalForgeSettings settings;
  @TempDir Path dir;

  /** As alice: her token in CI_ORCHESTRATOR_TOKEN. */
  CliRun change(String... args) {
    return changeWith(TestUsers.token("alice"), args);
  }

  CliRun changeWith(String envToken, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit =
          ChangeCommand.run(List.of(args), o, e, new ChangeCommand.Env(url.toString(), envToken));
    }
    return new CliRun(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static JsonNode json(CliRun run) throws Exception {
    assertThat(run.exit()).as(run.err()).isZero();
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
  }

  @Test
  @SuppressWarnings("try") // the resource is the forge's repository; the test only needs it open
  void aChangesWholeLifeFromTheCommandLine() throws Exception {
    String repo = "demo/cli";
    String bob = TestUsers.token("bob");
    try (var work =
        new LocalForgeReposProfile.Work(
            dir.resolve("work"), LocalRepos.bareRepoPath(settings.reposDir(), repo))) {
      JsonNode opened = json(change("open", repo, "--source", "feat", "--title", "Add b"));
      assertThat(opened.get("number").asLong()).isEqualTo(1);
      assertThat(opened.get("author").asText()).isEqualTo("alice");
      assertThat(opened.get("target").asText()).isEqualTo("main");
      assertThat(opened.get("head").asText()).hasSize(40);

      assertThat(
              json(change(
                      "comment", repo, "1", "--token", bob, "--author", "bob", "--body", "/lgtm"))
                  .at("/comments/0/body")
                  .asText())
          .isEqualTo("/lgtm");
      JsonNode reviewed = json(change("review", repo, "1", "--token", bob, "--state", "approved"));
      assertThat(reviewed.at("/reviews/0/author").asText()).isEqualTo("bob");
      assertThat(reviewed.at("/reviews/0/commit").asText()).isEqualTo(opened.get("head").asText());
      assertThat(json(change("label", repo, "1", "hold")).get("labels").toString())
          .isEqualTo("[\"hold\"]");
      assertThat(json(change("label", repo, "1", "hold", "--remove")).get("labels")).isEmpty();
      assertThat(json(change("show", repo, "1")).get("title").asText()).isEqualTo("Add b");
      assertThat(json(change("list", repo))).hasSize(1);
      assertThat(json(change("close", repo, "1")).get("state").asText()).isEqualTo("closed");
      assertThat(json(change("list", repo))).isEmpty();
      assertThat(json(change("list", repo, "--all"))).hasSize(1);
      assertThat(change("show", repo, "1").out()).contains("\n  \"number\" : 1"); // pretty
    }
  }

  @Test
  void theServersRefusalGoesToStderrWithExitOne() {
    CliRun run = change("show", "demo/nothing", "4");
    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.err()).contains("no repository demo/nothing in this forge");
    CliRun bad = change("review", "demo/nothing", "4", "--state", "meh");
    assertThat(bad.exit()).isEqualTo(Cli.FAILED);
  }

  @Test
  @SuppressWarnings("try") // the resource is the forge's repository; the test only needs it open
  void aWriteActsAsTheTokensOwnerFromTheEnvironmentOrTheFlag() throws Exception {
    String repo = "demo/cli-tokens";
    try (var work =
        new LocalForgeReposProfile.Work(
            dir.resolve("work"), LocalRepos.bareRepoPath(settings.reposDir(), repo))) {
      CliRun anonymous = changeWith(null, "open", repo, "--source", "feat", "--title", "t");
      assertThat(anonymous.exit()).isEqualTo(Cli.FAILED);
      assertThat(anonymous.err())
          .contains("this request needs a user's token")
          .contains("CI_ORCHESTRATOR_TOKEN or --token");
      assertThat(json(changeWith(null, "list", repo))).isEmpty(); // reads are open

      CliRun wrong = changeWith("not-a-token", "open", repo, "--source", "feat", "--title", "t");
      assertThat(wrong.err()).contains("is not the token of any user of this forge");

      JsonNode byEnv =
          json(
              changeWith(
                  TestUsers.token("dave"), "open", repo, "--source", "feat", "--title", "t"));
      assertThat(byEnv.get("author").asText()).isEqualTo("dave");
      JsonNode byFlag =
          json(
              changeWith(
                  TestUsers.token("dave"),
                  "comment",
                  repo,
                  "1",
                  "--token",
                  TestUsers.token("carol"),
                  "--body",
                  "/lgtm"));
      assertThat(byFlag.at("/comments/0/author").asText()).isEqualTo("carol");

      CliRun impersonating =
          change("comment", repo, "1", "--author", "carol", "--body", "/approve");
      assertThat(impersonating.exit()).isEqualTo(Cli.FAILED);
      assertThat(impersonating.err())
          .contains("author carol is not the owner of this request's token (alice)")
          .contains("(field 'author')");
      assertThat(json(change("show", repo, "1")).get("comments")).hasSize(1);
      assertThat(change("list", repo, "--token", " ").err()).contains("--token must not be blank");
    }
  }

  @Test
  void wrongUsageExitsTwo() {
    assertThat(change().exit()).isEqualTo(Cli.USAGE);
    assertThat(change("frobnicate").err()).contains("unknown change subcommand 'frobnicate'");
    assertThat(change("show", "demo/app", "x").err())
        .contains("change number must be a positive integer: x");
    assertThat(change("list", "app").err()).contains("repository must be owner/name: app");
    assertThat(change("list", "demo/app", "--bogus").exit()).isEqualTo(Cli.USAGE);
    assertThat(change("open", "demo/app", "--source", "f").err()).contains("--title is required");
    assertThat(change("comment", "demo/app", "1", "--author").err())
        .contains("--author needs a value");
    assertThat(change("list", "demo/app", "--token").err()).contains("--token needs a value");
  }

  @Test
  void aServiceThatIsNotRunningIsSaidPlainly() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    CliRun run = CliRun.of("change", "list", "demo/app", "--server", "http://localhost:" + port);
    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.err())
        .contains("cannot reach http://localhost:" + port)
        .contains("is the service running? (ci-orchestrator serve)")
        .contains("--server URL or CI_ORCHESTRATOR_SERVER");
  }
}
