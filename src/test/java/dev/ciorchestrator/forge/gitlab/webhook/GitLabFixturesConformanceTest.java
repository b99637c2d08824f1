package dev.ciorchestrator.forge.gitlab.webhook;

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
 * GitLab's recorded payloads ({@code ../shared/fixtures/gitlab/*.json}: GitLab's docs example and
 * payloads recorded by Woodpecker), read exactly as they are: each is parsed as the event its
 * {@code object_kind} says, its fields compared with an independent reading of the same JSON, and
 * it is delivered with a connection's token through the handler. Without the folder the test is
 * skipped, except under {@code CI=true}, where it must be there.
 */
class GitLabFixturesConformanceTest {
  static final Path FIXTURES = Path.of("..", "shared", "fixtures", "gitlab");
  private static final ObjectMapper TREE = new ObjectMapper();
  private static final Map<String, String> EVENTS =
      Map.of("merge_request", "Merge Request Hook", "note", "Note Hook", "push", "Push Hook");

  @TestFactory
  Stream<DynamicTest> everyRecordedPayload() throws IOException {
    if (!Files.isDirectory(FIXTURES)) {
      String why = "no recorded GitLab payloads at " + FIXTURES.toAbsolutePath().normalize();
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
    String event = EVENTS.get(json.path("object_kind").asText());
    assertThat(event).as("object_kind of " + file).isNotNull();
    HookEvent parsed = GitLabEventParser.parse(event, body);
    String project = json.get("project").get("path_with_namespace").textValue();
    assertThat(parsed.repository()).isEqualTo(project);
    if (parsed.kind() == HookEvent.Kind.CHANGE) {
      JsonNode attrs = json.get("object_attributes");
      assertThat(parsed.change()).isEqualTo(attrs.get("iid").longValue()).isPositive();
      assertThat(parsed.action()).isEqualTo(attrs.get("action").textValue());
    } else if (parsed.kind() == HookEvent.Kind.PUSH) {
      assertThat(parsed.urls())
          .contains(json.get("project").get("git_http_url").textValue())
          .contains(json.get("project").get("git_ssh_url").textValue());
    }
    GitLabHooks hooks = new GitLabHooks(1 << 20, Map.of(project, "main"));
    Outcome o = hooks.deliver(event, body);
    assertThat(o.result()).as(o.message()).isEqualTo(Outcome.ACCEPTED);
    assertThat(hooks.fired).containsExactly(new ForgeEvent("main", project));
  }
}
