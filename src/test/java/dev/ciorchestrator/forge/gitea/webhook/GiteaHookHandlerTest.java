package dev.ciorchestrator.forge.gitea.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.webhook.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /hooks/gitea}'s decisions, with payloads shaped as Gitea's webhook docs show. */
class GiteaHookHandlerTest {
  private final GiteaHooks hooks = new GiteaHooks(1 << 20, Map.of("acme/app", "main"));

  static byte[] pull(String repo, long number, String action) {
    return ("""
        {"action": "%s", "number": %d,
         "pull_request": {"id": 9, "number": %d, "state": "open", "user": {"login": "alice"},
                          "head": {"ref": "feature", "sha": "2222222222222222222222222222222222222222"},
                          "base": {"ref": "main", "sha": "1111111111111111111111111111111111111111"}},
         "repository": {"id": 1, "full_name": "%s",
                        "clone_url": "https://gitea.example.com/%s.git"},
         "sender": {"login": "alice"}}
        """)
        .formatted(action, number, number, repo, repo)
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] comment(String repo, long number, boolean isPull, String author, String body) {
    return ("""
        {"action": "created", "is_pull": %s,
         "issue": {"id": 3, "number": %d},
         "comment": {"id": 77, "body": "%s", "user": {"login": "%s"}},
         "repository": {"id": 1, "full_name": "%s"}, "sender": {"login": "%s"}}
        """)
        .formatted(isPull, number, body, author, repo, author)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void pullRequestEventsReconcileTheRepository() {
    for (String action : new String[] {"opened", "synchronized", "closed", "reopened", "edited"}) {
      Outcome o = hooks.deliver("pull_request", pull("acme/app", 4, action));
      assertThat(o.result()).as(action).isEqualTo(Outcome.ACCEPTED);
      assertThat(o.action()).isEqualTo(action);
    }
    assertThat(
            hooks.deliver("pull_request_review_approved", pull("acme/app", 4, "reviewed")).result())
        .isEqualTo(Outcome.ACCEPTED);
    assertThat(hooks.fired).hasSize(6).allMatch(e -> e.equals(new ForgeEvent("main", "acme/app")));
  }

  @Test
  void aSignatureIsTheBareHexHmacOfTheBody() {
    byte[] body = pull("acme/app", 1, "opened");
    assertThat(hooks.handler.beforeBody("pull_request", null).orElseThrow().status())
        .isEqualTo(401);
    assertThat(hooks.handler.beforeBody("pull_request", "sha256=" + GiteaHooks.sign("x", body)))
        .isPresent();
    Outcome wrong =
        hooks.deliver("pull_request", "d1", GiteaHooks.sign("not the secret", body), body);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.field()).isEqualTo("X-Gitea-Signature");
    byte[] tampered = pull("acme/app", 2, "opened");
    assertThat(
            hooks
                .deliver("pull_request", "d2", GiteaHooks.sign(GiteaHooks.SECRET, body), tampered)
                .status())
        .isEqualTo(401);
    assertThat(hooks.fired).isEmpty();
  }

  @Test
  void aReplayedDeliveryDoesNothing() {
    byte[] body = pull("acme/app", 1, "opened");
    String sig = GiteaHooks.sign(GiteaHooks.SECRET, body);
    assertThat(hooks.deliver("pull_request", "same", sig, body).status()).isEqualTo(202);
    assertThat(hooks.deliver("pull_request", "same", sig, body).result())
        .isEqualTo(Outcome.DUPLICATE);
    assertThat(hooks.deliver("pull_request", null, sig, body).field())
        .isEqualTo("X-Gitea-Delivery");
    assertThat(hooks.fired).hasSize(1);
  }

  @Test
  void commentsCountOnlyWhenTheyAreCommandsOnAPullRequestByAPerson() {
    assertThat(
            hooks.deliver("issue_comment", comment("acme/app", 4, true, "bob", "/hold")).result())
        .isEqualTo(Outcome.ACCEPTED);
    assertThat(
            hooks.deliver("issue_comment", comment("acme/app", 4, false, "bob", "/hold")).message())
        .isEqualTo("comment on something other than a change");
    assertThat(
            hooks
                .deliver("issue_comment", comment("acme/app", 4, true, GiteaHooks.BOT, "/test"))
                .message())
        .isEqualTo("comment by the orchestrator itself");
    assertThat(
            hooks.deliver("issue_comment", comment("acme/app", 4, true, "bob", "thanks")).message())
        .isEqualTo("comment holds no command");
    assertThat(hooks.fired).hasSize(1);
  }

  @Test
  void aPushToTheConfigRepositoryAsksForASync() {
    byte[] push =
        ("{\"ref\": \"refs/heads/main\", \"after\": \"2222222222222222222222222222222222222222\","
                + " \"repository\": {\"full_name\": \"acme/ci-config\","
                + " \"clone_url\": \"https://gitea.example.com/acme/ci-config.git\"}}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(hooks.deliver("push", push).message()).isEqualTo("config sync requested");
    assertThat(hooks.syncs).hasValue(1);
  }

  @Test
  void aBodyWithoutItsNumberNamesTheFieldAndOtherEventsAreIgnored() {
    Outcome o =
        hooks.deliver(
            "pull_request",
            "{\"action\": \"opened\", \"repository\": {\"full_name\": \"acme/app\"}}".getBytes());
    assertThat(o.status()).isEqualTo(400);
    assertThat(o.field()).isEqualTo("number");
    Outcome other = hooks.deliver("repository", "{}".getBytes());
    assertThat(other.status()).isEqualTo(202);
    assertThat(other.event()).isEqualTo("other");
  }
}
