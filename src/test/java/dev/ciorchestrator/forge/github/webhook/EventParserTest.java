package dev.ciorchestrator.forge.github.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.forge.github.webhook.GitHubEvent.IssueCommentEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PingEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PullRequestEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PushEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.ReviewEvent;
import dev.ciorchestrator.intake.JsonProblem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The project's payloads, shaped as GitHub documents them, and bodies that are not. */
class EventParserTest {
  @Test
  void pullRequest() throws Exception {
    PullRequestEvent e =
        (PullRequestEvent) EventParser.parse("pull_request", Payloads.bytes("pull_request.opened"));
    assertThat(e.action()).isEqualTo("opened");
    assertThat(e.repositoryName()).hasValue("octo-org/hello-world");
    assertThat(e.pullRequest().number()).isEqualTo(7L);
    assertThat(e.pullRequest().head().sha()).isEqualTo("4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39");
    assertThat(e.pullRequest().head().ref()).isEqualTo("friendlier-greeting");
    assertThat(e.pullRequest().base().ref()).isEqualTo("main");
    assertThat(e.pullRequest().user().login()).isEqualTo("alice");
    assertThat(e.pullRequest().draft()).isFalse();
    assertThat(e.sender().login()).isEqualTo("alice");
  }

  @Test
  void issueCommentOnAPullRequest() throws Exception {
    IssueCommentEvent e =
        (IssueCommentEvent)
            EventParser.parse("issue_comment", Payloads.bytes("issue_comment.created"));
    assertThat(e.action()).isEqualTo("created");
    assertThat(e.issue().number()).isEqualTo(7L);
    assertThat(e.issue().isPullRequest()).isTrue();
    assertThat(e.comment().user().login()).isEqualTo("bob");
    assertThat(e.body()).isEqualTo("Looks good to me.\r\n/approve\r\n/lgtm");
  }

  @Test
  void review() throws Exception {
    ReviewEvent e =
        (ReviewEvent)
            EventParser.parse(
                "pull_request_review", Payloads.bytes("pull_request_review.submitted"));
    assertThat(e.action()).isEqualTo("submitted");
    assertThat(e.review().state()).isEqualTo("approved");
    assertThat(e.review().user().login()).isEqualTo("bob");
    assertThat(e.review().body()).isNull();
    assertThat(e.pullRequest().number()).isEqualTo(7L);
    assertThat(e.repositoryName()).hasValue("octo-org/hello-world");
  }

  @Test
  void push() throws Exception {
    PushEvent e = (PushEvent) EventParser.parse("push", Payloads.bytes("push"));
    assertThat(e.action()).isEmpty();
    assertThat(e.ref()).isEqualTo("refs/heads/main");
    assertThat(e.after()).isEqualTo("9d8c7b6a5f4e3d2c1b0a99887766554433221100");
    assertThat(e.deleted()).isFalse();
    assertThat(e.repository().urls())
        .containsExactly(
            "https://github.com/octo-org/hello-world.git",
            "git@github.com:octo-org/hello-world.git",
            "git://github.com/octo-org/hello-world.git",
            "https://github.com/octo-org/hello-world");
  }

  @Test
  void ping() throws Exception {
    PingEvent e = (PingEvent) EventParser.parse("ping", Payloads.bytes("ping"));
    assertThat(e.zen()).isEqualTo("Keep it logically awesome.");
    assertThat(e.hookId()).isEqualTo(480001L);
    assertThat(e.repositoryName()).hasValue("octo-org/hello-world");
    PingEvent org = (PingEvent) EventParser.parse("ping", bytes("{\"zen\":\"z\",\"hook_id\":1}"));
    assertThat(org.repositoryName()).as("an organization's hook has no repository").isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "pull_request | {\"action\":\"opened\"} | repository | missing field 'repository'",
        "pull_request | {\"action\":\"opened\",\"repository\":{},\"pull_request\":{\"number\":1}}"
            + " | repository.full_name | missing field 'repository.full_name'",
        "pull_request | {\"action\":\"opened\",\"repository\":{\"full_name\":\"a/b\"},"
            + "\"pull_request\":{\"number\":1,\"head\":{}}} | pull_request.head.sha"
            + " | missing field 'pull_request.head.sha'",
        "pull_request | {\"action\":\"opened\",\"pull_request\":{\"number\":\"seven\"}}"
            + " | pull_request.number | pull_request.number has the wrong type: expected a whole"
            + " number, got a string",
        "push | {\"ref\":\"refs/heads/main\",\"after\":\"abc\",\"repository\":\"a/b\"}"
            + " | repository | repository has the wrong type: expected an object, got a string",
        "issue_comment | {\"action\":\"created\",\"repository\":{\"full_name\":\"a/b\"},"
            + "\"issue\":{\"number\":1},\"comment\":{\"body\":\"/hold\"}}"
            + " | comment.user | missing field 'comment.user'",
        "push | [1, 2] | '' | body must be a JSON object",
      })
  void aMalformedBodyNamesTheField(String event, String body, String field, String message) {
    assertThatThrownBy(() -> EventParser.parse(event, bytes(body)))
        .isInstanceOfSatisfying(JsonProblem.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessage(message);
  }

  /** The wrong types of issue 11, each of which a lenient reader would have coerced. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"2\" | pull_request.number | pull_request.number has the wrong type: expected a whole"
            + " number, got a string",
        "2.5 | pull_request.number | pull_request.number has the wrong type: expected a whole"
            + " number, got the number 2.5",
        "-1 | pull_request.number | pull_request.number must be a positive whole number, not -1",
        "0 | pull_request.number | pull_request.number must be a positive whole number, not 0",
        "true | pull_request.number | pull_request.number has the wrong type: expected a whole"
            + " number, got true",
        "99999999999999999999 | pull_request.number | pull_request.number is out of range: ",
      })
  void aNumberIsNeverCoerced(String number, String field, String message) {
    String body =
        Payloads.text("pull_request.opened")
            .replace("    \"number\": 7,", "    \"number\": " + number + ",");
    assertThatThrownBy(() -> EventParser.parse("pull_request", bytes(body)))
        .isInstanceOfSatisfying(JsonProblem.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true | action has the wrong type: expected a string, got true",
        "7 | action has the wrong type: expected a string, got the number 7",
        "[\"opened\"] | action has the wrong type: expected a string, got a list",
      })
  void aStringIsNeverCoerced(String action, String message) {
    String body =
        Payloads.text("pull_request.opened")
            .replace("\"action\": \"opened\"", "\"action\": " + action);
    assertThatThrownBy(() -> EventParser.parse("pull_request", bytes(body)))
        .isInstanceOfSatisfying(JsonProblem.class, e -> assertThat(e.field()).isEqualTo("action"))
        .hasMessage(message);
  }

  @Test
  void aDuplicateKeyAnywhereIsRefusedByItsPath() {
    String body =
        Payloads.text("pull_request.opened")
            .replace("    \"number\": 7,", "    \"number\": 7, \"number\": 8,");
    assertThatThrownBy(() -> EventParser.parse("pull_request", bytes(body)))
        .isInstanceOfSatisfying(
            JsonProblem.class, e -> assertThat(e.field()).isEqualTo("pull_request.number"))
        .hasMessage("duplicate key 'number' at pull_request.number");
  }

  @Test
  void notJsonSaysWhere() {
    assertThatThrownBy(() -> EventParser.parse("push", bytes("{\"ref\": \n  nope}")))
        .isInstanceOfSatisfying(JsonProblem.class, e -> assertThat(e.field()).isEmpty())
        .hasMessageStartingWith("body is not JSON: ")
        .hasMessageContaining("(line 2, column");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
