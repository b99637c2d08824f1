package dev.ciorchestrator.forge.github.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.IssueCommentEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PingEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PullRequestEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PushEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.ReviewEvent;
import dev.ciorchestrator.forge.webhook.Outcome;
import dev.ciorchestrator.testing.RequiredTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * GitHub's own recorded payloads ({@code ../shared/fixtures/github/<event>/*.json}, from
 * octokit/webhooks), read exactly as they are: each is parsed, its fields compared with an
 * independent reading of the same JSON, and it is delivered, signed, through the handler. The
 * folder lives beside the checkout; without it the test is skipped, except under {@code CI=true},
 * where it must be there.
 */
class GitHubFixturesConformanceTest {
  static final Path FIXTURES = Path.of("..", "shared", "fixtures", "github");
  private static final ObjectMapper TREE = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyRecordedPayloadOfAHandledEvent() throws IOException {
    if (!Files.isDirectory(FIXTURES)) {
      String why = "no recorded GitHub payloads at " + FIXTURES.toAbsolutePath().normalize();
      RequiredTools.missing(why + " (they live beside the checkout in CI)");
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (String event : EventParser.EVENTS.stream().sorted().toList()) {
      Path folder = FIXTURES.resolve(event);
      if (!Files.isDirectory(folder)) {
        continue; // octokit records no example of this event here
      }
      try (Stream<Path> files = Files.list(folder)) {
        files
            .filter(f -> f.getFileName().toString().endsWith(".json"))
            .sorted()
            .forEach(
                f ->
                    tests.add(
                        DynamicTest.dynamicTest(
                            event + "/" + f.getFileName(), () -> conforms(event, f))));
      }
    }
    assertThat(tests).as("recorded payloads of handled events under " + FIXTURES).isNotEmpty();
    return tests.stream();
  }

  private static void conforms(String event, Path file) throws Exception {
    byte[] body = Files.readAllBytes(file);
    JsonNode json = TREE.readTree(body);
    GitHubEvent parsed = EventParser.parse(event, body);
    assertThat(parsed.name()).isEqualTo(event);
    assertThat(parsed.action()).isEqualTo(json.path("action").asText(""));
    assertThat(parsed.repositoryName().orElse(null))
        .isEqualTo(json.path("repository").path("full_name").textValue());
    checkFields(parsed, json);
    delivered(event, parsed, body);
  }

  private static void checkFields(GitHubEvent parsed, JsonNode json) {
    if (parsed instanceof PullRequestEvent e) {
      JsonNode pr = json.get("pull_request");
      assertThat(e.pullRequest().number()).isEqualTo(pr.get("number").longValue());
      assertThat(e.pullRequest().head().sha())
          .isEqualTo(pr.get("head").get("sha").textValue())
          .hasSize(40);
      assertThat(e.pullRequest().base().ref()).isEqualTo(pr.get("base").get("ref").textValue());
      assertThat(e.pullRequest().user().login()).isEqualTo(pr.get("user").get("login").textValue());
    } else if (parsed instanceof IssueCommentEvent e) {
      assertThat(e.issue().number()).isEqualTo(json.get("issue").get("number").longValue());
      assertThat(e.issue().isPullRequest()).isEqualTo(json.get("issue").has("pull_request"));
      assertThat(e.body()).isEqualTo(json.get("comment").get("body").textValue());
      assertThat(e.comment().user().login())
          .isEqualTo(json.get("comment").get("user").get("login").textValue());
    } else if (parsed instanceof ReviewEvent e) {
      assertThat(e.pullRequest().number())
          .isEqualTo(json.get("pull_request").get("number").longValue());
      assertThat(e.review().state()).isEqualTo(json.get("review").get("state").textValue());
    } else if (parsed instanceof PushEvent e) {
      assertThat(e.ref()).isEqualTo(json.get("ref").textValue()).startsWith("refs/");
      assertThat(e.after()).isEqualTo(json.get("after").textValue()).hasSize(40);
      assertThat(e.deleted()).isEqualTo(json.get("deleted").booleanValue());
      assertThat(e.repository().urls())
          .contains(json.get("repository").get("clone_url").textValue());
    } else if (parsed instanceof PingEvent e) {
      assertThat(e.zen()).isEqualTo(json.get("zen").textValue()).isNotBlank();
      assertThat(e.hookId()).isEqualTo(json.get("hook_id").longValue());
    }
  }

  /** Signed and delivered for a config that names its repository: accepted, unless inert. */
  private static void delivered(String event, GitHubEvent parsed, byte[] body) {
    String repo = parsed.repositoryName().orElse("octo-org/none");
    HandlerFixture hooks = new HandlerFixture(1 << 20, Map.of(repo, "main"));
    Outcome o = hooks.deliver(event, body);
    boolean inert =
        parsed instanceof IssueCommentEvent c
            && (!c.issue().isPullRequest()
                || dev.ciorchestrator.forge.command.CommandParser.parse(c.body()).isEmpty());
    if (inert) {
      assertThat(o.result()).isEqualTo("ignored");
      assertThat(hooks.fired).isEmpty();
    } else if (parsed instanceof PingEvent) {
      assertThat(o.status()).isEqualTo(200);
      assertThat(o.result()).isEqualTo("accepted");
      assertThat(hooks.fired).isEmpty();
    } else {
      assertThat(o.result()).as(o.message()).isEqualTo("accepted");
      assertThat(hooks.fired).containsExactly(new ForgeEvent("main", repo));
    }
  }
}
