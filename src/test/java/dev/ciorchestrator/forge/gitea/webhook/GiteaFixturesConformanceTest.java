package dev.ciorchestrator.forge.gitea.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.webhook.HookEvent;
import dev.ciorchestrator.forge.webhook.Outcome;
import dev.ciorchestrator.testing.RequiredTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Gitea's recorded payloads ({@code ../shared/fixtures/gitea/*.json}, recorded by Woodpecker), read
 * exactly as they are: each is parsed as the event its shape says (a push has {@code ref}, a pull
 * request event {@code pull_request}), its fields compared with an independent reading of the same
 * JSON, and it is delivered, signed, through the handler. Without the folder the test is skipped,
 * except under {@code CI=true}, where it must be there.
 */
class GiteaFixturesConformanceTest {
  static final Path FIXTURES = Path.of("..", "shared", "fixtures", "gitea");
  private static final ObjectMapper TREE = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyRecordedPayload() throws IOException {
    if (!Files.isDirectory(FIXTURES)) {
      String why = "no recorded Gitea payloads at " + FIXTURES.toAbsolutePath().normalize();
      RequiredTools.missing(why + " (they live beside the checkout in CI)");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(FIXTURES)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("recorded payloads under " + FIXTURES).isNotEmpty();
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> conforms(f)));
  }

  private static void conforms(Path file) throws Exception {
    byte[] body = Files.readAllBytes(file);
    JsonNode json = TREE.readTree(body);
    String event =
        json.has("pull_request") ? "pull_request" : json.has("comment") ? "issue_comment" : "push";
    HookEvent parsed = GiteaEventParser.parse(event, body);
    String repo = json.get("repository").get("full_name").textValue();
    assertThat(parsed.repository()).isEqualTo(repo);
    if (event.equals("pull_request")) {
      assertThat(parsed.change()).isEqualTo(json.get("number").longValue()).isPositive();
      assertThat(parsed.action()).isEqualTo(json.get("action").textValue());
    } else if (event.equals("push")) {
      assertThat(parsed.urls()).contains(json.get("repository").get("clone_url").textValue());
    }
    GiteaHooks hooks = new GiteaHooks(1 << 20, Map.of(repo, "main"));
    Outcome o = hooks.deliver(event, body);
    assertThat(o.result()).as(o.message()).isEqualTo(Outcome.ACCEPTED);
    assertThat(hooks.fired).containsExactly(new ForgeEvent("main", repo));
  }
}
