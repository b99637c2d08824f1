package dev.ciorchestrator.forge.github.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.webhook.Outcome;
import dev.ciorchestrator.forge.webhook.RecentDeliveries;
import dev.ciorchestrator.forge.webhook.WebhookSecrets;
import dev.ciorchestrator.forge.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decisions behind {@code POST /hooks/github}, without HTTP. */
class WebhookHandlerTest {
  final HandlerFixture hooks =
      new HandlerFixture(
          1 << 20, Map.of("octo-org/hello-world", "main", "octo-org/elsewhere", "other"));

  @Test
  void aCommandCommentOfAConfiguredRepositoryFiresOneEvent() {
    Outcome o = hooks.deliver("issue_comment", Payloads.bytes("issue_comment.created"));
    assertThat(o)
        .extracting(Outcome::status, Outcome::result, Outcome::event, Outcome::action)
        .containsExactly(202, "accepted", "issue_comment", "created");
    assertThat(hooks.fired).containsExactly(new ForgeEvent("main", "octo-org/hello-world"));
  }

  @Test
  void theRepositoryNameMatchesWhateverItsCase() {
    String body =
        Payloads.text("pull_request.opened")
            .replace("octo-org/hello-world", "Octo-Org/Hello-World");
    assertThat(hooks.deliver("pull_request", utf8(body)).result()).isEqualTo("accepted");
    assertThat(hooks.fired)
        .as("the config's spelling, which the loop knows")
        .containsExactly(new ForgeEvent("main", "octo-org/hello-world"));
  }

  @Test
  void commentsThatCannotChangeAPlanAreIgnored() {
    String comment = Payloads.text("issue_comment.created");
    assertIgnored(
        "issue_comment",
        comment.replace("Looks good to me.\\r\\n/approve\\r\\n/lgtm", "Looks good to me."),
        "comment holds no command");
    assertIgnored(
        "issue_comment",
        comment.replace("\"login\": \"bob\", \"id\": 102", "\"login\": \"ci-orchestrator[bot]\""),
        "comment by the orchestrator itself");
    assertIgnored(
        "issue_comment",
        comment.replaceFirst("\"pull_request\": \\{[^}]*\\},", ""),
        "comment on an issue, not a pull request");
    assertThat(hooks.fired).isEmpty();
  }

  @Test
  void inertPullRequestActionsAreIgnored() {
    String assigned =
        Payloads.text("pull_request.opened")
            .replace("\"action\": \"opened\"", "\"action\": \"assigned\"");
    assertIgnored("pull_request", assigned, "pull_request action 'assigned'");
    assertThat(hooks.fired).isEmpty();
  }

  @Test
  void aRepositoryOfAnotherConnectionIsNotTriggeredWithThisOnesSecret() {
    String body =
        Payloads.text("pull_request.opened").replace("octo-org/hello-world", "octo-org/elsewhere");
    Outcome o = hooks.deliver("pull_request", utf8(body));
    assertThat(o.result()).isEqualTo("ignored");
    assertThat(o.message()).contains("served by connection 'other'").contains("[main]");
    assertThat(hooks.fired).isEmpty();

    byte[] signed = utf8(body);
    Outcome own =
        hooks.deliver(
            "pull_request",
            "own",
            WebhookSignature.sign(HandlerFixture.OTHER_SECRET, signed),
            signed);
    assertThat(own.result()).isEqualTo("accepted");
    assertThat(hooks.fired).containsExactly(new ForgeEvent("other", "octo-org/elsewhere"));
  }

  @Test
  void aPushToTheConfigRepositoryAsksForASyncWhateverTheUrlForm() {
    String body =
        Payloads.text("push")
            .replace("octo-org/hello-world", "octo-org/ci-config")
            .replace("https://github.com/octo-org/ci-config.git", "https://mirror.example/x.git");
    Outcome o = hooks.deliver("push", utf8(body));
    assertThat(o.status()).isEqualTo(202);
    assertThat(o.result()).isEqualTo("accepted");
    assertThat(o.message()).isEqualTo("config sync requested");
    assertThat(hooks.syncs).hasValue(1);
    assertThat(hooks.fired).as("the config repository is not a configured one").isEmpty();

    assertThat(hooks.deliver("push", Payloads.bytes("push")).result()).isEqualTo("accepted");
    assertThat(hooks.syncs).as("a push elsewhere syncs nothing").hasValue(1);
    assertThat(hooks.fired).containsExactly(new ForgeEvent("main", "octo-org/hello-world"));
  }

  @Test
  void aBodyAboveTheLimitIs413() {
    HandlerFixture small = new HandlerFixture(100, Map.of());
    byte[] body = new byte[101];
    Outcome o = small.deliver("push", body);
    assertThat(o).extracting(Outcome::status, Outcome::result).containsExactly(413, "too_large");
  }

  @Test
  void aMissingOrIllFormedSignatureHeaderIsRefusedBeforeAnyBody() {
    assertThat(hooks.handler.beforeBody("push", null))
        .get()
        .extracting(Outcome::status, Outcome::result, Outcome::event, Outcome::field)
        .containsExactly(401, "unauthorized", "push", "X-Hub-Signature-256");
    assertThat(hooks.handler.beforeBody("check_run", "sha256=abc").orElseThrow().message())
        .isEqualTo("X-Hub-Signature-256 must be sha256= followed by 64 hexadecimal digits");
    assertThat(hooks.handler.beforeBody("check_run", "sha256=abc").orElseThrow().event())
        .isEqualTo("other");
    assertThat(hooks.handler.beforeBody("push", "sha256=" + "ab".repeat(32)))
        .as("well-formed: only the body can tell")
        .isEmpty();
  }

  @Test
  void aFormEncodedDeliveryIsRefusedNamingTheContentType() {
    byte[] body = utf8("payload=%7B%7D");
    Outcome o =
        hooks.handler.handle(
            new Delivery(
                "push",
                "d",
                WebhookSignature.sign(HandlerFixture.SECRET, body),
                "application/x-www-form-urlencoded",
                body));
    assertThat(o).extracting(Outcome::status, Outcome::field).containsExactly(415, "Content-Type");
    assertThat(o.result()).isEqualTo("malformed");

    byte[] json = Payloads.bytes("push");
    Outcome latin1 =
        hooks.handler.handle(
            new Delivery(
                "push",
                "d-latin1",
                WebhookSignature.sign(HandlerFixture.SECRET, json),
                "application/json; charset=ISO-8859-1",
                json));
    assertThat(latin1)
        .extracting(Outcome::status, Outcome::field, Outcome::message)
        .containsExactly(
            415, "Content-Type", "Content-Type says charset=ISO-8859-1, but JSON is UTF-8 only");
  }

  @Test
  void withoutAnySecretNoDeliveryIsTrusted() {
    WebhookHandler open =
        new WebhookHandler(
            new WebhookSecrets(java.util.List.of()),
            new RecentDeliveries(10),
            1 << 20,
            dev.ciorchestrator.config.model.ConfigSnapshot::empty,
            HandlerFixture.CONFIG_REPO_URL,
            e -> {
              throw new AssertionError("fired " + e);
            },
            () -> {
              throw new AssertionError("synced");
            });
    byte[] body = Payloads.bytes("push");
    Outcome o =
        open.handle(
            new Delivery(
                "push", "d", WebhookSignature.sign("a guess", body), "application/json", body));
    assertThat(o)
        .extracting(Outcome::status, Outcome::field)
        .containsExactly(401, "X-Hub-Signature-256");
    assertThat(o.message()).startsWith("no GitHub connection has a webhook-secret");
    assertThat(open.beforeBody("push", WebhookSignature.sign("a guess", body)))
        .as("refused before the body is read")
        .contains(o);
  }

  private void assertIgnored(String event, String body, String why) {
    Outcome o = hooks.deliver(event, utf8(body));
    assertThat(o).extracting(Outcome::status, Outcome::result).containsExactly(202, "ignored");
    assertThat(o.message()).isEqualTo(why);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
