package dev.ciorchestrator.forge.gitlab.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.webhook.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /hooks/gitlab}'s decisions, with payloads shaped as GitLab's docs show them. */
class GitLabHookHandlerTest {
  private final GitLabHooks hooks = new GitLabHooks(1 << 20, Map.of("acme/app", "main"));

  static byte[] mergeRequest(String project, long iid, String action) {
    return ("""
        {"object_kind": "merge_request", "event_type": "merge_request",
         "user": {"id": 1, "username": "alice"},
         "project": {"id": 7, "path_with_namespace": "%s",
                     "git_http_url": "https://gitlab.example.com/%s.git"},
         "object_attributes": {"id": 99, "iid": %d, "action": "%s", "state": "opened",
                               "oldrev": "1111111111111111111111111111111111111111",
                               "last_commit": {"id": "2222222222222222222222222222222222222222"}}}
        """)
        .formatted(project, project, iid, action)
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] note(String project, String type, long iid, String author, String text) {
    String mr = type.equals("MergeRequest") ? ", \"merge_request\": {\"iid\": " + iid + "}" : "";
    return ("""
        {"object_kind": "note", "event_type": "note",
         "user": {"id": 2, "username": "%s"}, "project_id": 7,
         "project": {"id": 7, "path_with_namespace": "%s"},
         "object_attributes": {"id": 5, "note": "%s", "noteable_type": "%s", "action": "create"}%s}
        """)
        .formatted(author, project, text, type, mr)
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] push(String project, String url) {
    return ("""
        {"object_kind": "push", "event_name": "push", "ref": "refs/heads/main",
         "before": "1111111111111111111111111111111111111111",
         "after": "2222222222222222222222222222222222222222", "user_username": "alice",
         "project": {"id": 7, "path_with_namespace": "%s", "git_http_url": "%s"}}
        """)
        .formatted(project, url)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyMergeRequestActionReconcilesItsProject() {
    for (String action :
        new String[] {"open", "update", "merge", "close", "reopen", "approved", "unapproved"}) {
      Outcome o = hooks.deliver("Merge Request Hook", mergeRequest("acme/app", 3, action));
      assertThat(o.status()).as(action).isEqualTo(202);
      assertThat(o.result()).isEqualTo(Outcome.ACCEPTED);
      assertThat(o.action()).isEqualTo(action);
      assertThat(o.repo()).isEqualTo("acme/app");
    }
    assertThat(hooks.fired).hasSize(7).allMatch(e -> e.equals(new ForgeEvent("main", "acme/app")));
  }

  @Test
  void aWrongOrMissingTokenIsRefusedBeforeTheBody() {
    assertThat(hooks.handler.beforeBody("Merge Request Hook", null).orElseThrow().status())
        .isEqualTo(401);
    Outcome wrong = hooks.handler.beforeBody("Merge Request Hook", "guess").orElseThrow();
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.field()).isEqualTo("X-Gitlab-Token");
    assertThat(wrong.message()).doesNotContain(GitLabHooks.TOKEN);
    assertThat(hooks.handler.beforeBody("Merge Request Hook", GitLabHooks.TOKEN)).isEmpty();
    Outcome full =
        hooks.deliver("Merge Request Hook", "u1", "guess", mergeRequest("acme/app", 1, "open"));
    assertThat(full.status()).isEqualTo(401);
    assertThat(hooks.fired).isEmpty();
  }

  @Test
  void anotherConnectionsTokenDoesNotReconcileThisConnectionsProject() {
    Outcome o =
        hooks.deliver(
            "Merge Request Hook",
            "u1",
            GitLabHooks.OTHER_TOKEN,
            mergeRequest("acme/app", 1, "open"));
    assertThat(o.result()).isEqualTo(Outcome.IGNORED);
    assertThat(o.message()).contains("served by connection 'main'");
    assertThat(hooks.fired).isEmpty();
  }

  @Test
  void aRedeliveredEventUuidDoesNothingTheSecondTime() {
    byte[] body = mergeRequest("acme/app", 1, "open");
    assertThat(hooks.deliver("Merge Request Hook", "same", GitLabHooks.TOKEN, body).status())
        .isEqualTo(202);
    Outcome again = hooks.deliver("Merge Request Hook", "same", GitLabHooks.TOKEN, body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.result()).isEqualTo(Outcome.DUPLICATE);
    assertThat(hooks.fired).hasSize(1);
  }

  @Test
  void notesReconcileOnlyWhenTheyAreCommandsOnAMergeRequestByAPerson() {
    assertThat(
            hooks
                .deliver("Note Hook", note("acme/app", "MergeRequest", 3, "bob", "/hold"))
                .result())
        .isEqualTo(Outcome.ACCEPTED);
    assertThat(
            hooks
                .deliver("Note Hook", note("acme/app", "MergeRequest", 3, "bob", "nice work"))
                .message())
        .isEqualTo("comment holds no command");
    assertThat(
            hooks
                .deliver("Note Hook", note("acme/app", "MergeRequest", 3, GitLabHooks.BOT, "/test"))
                .message())
        .isEqualTo("comment by the orchestrator itself");
    assertThat(hooks.deliver("Note Hook", note("acme/app", "Issue", 0, "bob", "/test")).message())
        .isEqualTo("comment on something other than a change");
    assertThat(hooks.fired).hasSize(1);
  }

  @Test
  void aPushToTheConfigRepositoryAsksForASync() {
    Outcome o =
        hooks.deliver(
            "Push Hook", push("acme/ci-config", "git@gitlab.example.com:acme/ci-config.git"));
    assertThat(o.message()).isEqualTo("config sync requested");
    assertThat(hooks.syncs).hasValue(1);
  }

  @Test
  void otherEventsAreAnsweredAndIgnored() {
    Outcome o = hooks.deliver("Pipeline Hook", "{\"object_kind\":\"pipeline\"}".getBytes());
    assertThat(o.status()).isEqualTo(202);
    assertThat(o.result()).isEqualTo(Outcome.IGNORED);
    assertThat(o.event()).isEqualTo("other");
  }

  @Test
  void aBodyWithoutItsProjectOrIidNamesTheField() {
    Outcome noProject =
        hooks.deliver("Merge Request Hook", "{\"object_attributes\": {\"iid\": 1}}".getBytes());
    assertThat(noProject.status()).isEqualTo(400);
    assertThat(noProject.field()).isEqualTo("project.path_with_namespace");
    Outcome textIid =
        hooks.deliver(
            "Merge Request Hook",
            ("{\"project\": {\"path_with_namespace\": \"acme/app\"},"
                    + " \"object_attributes\": {\"iid\": \"1\"}}")
                .getBytes());
    assertThat(textIid.status()).isEqualTo(400);
    assertThat(textIid.field()).isEqualTo("object_attributes.iid");
    Outcome dup =
        hooks.deliver(
            "Merge Request Hook",
            "{\"project\": {\"path_with_namespace\": \"a/b\", \"path_with_namespace\": \"c/d\"}}"
                .getBytes());
    assertThat(dup.status()).isEqualTo(400);
    assertThat(hooks.fired).isEmpty();
  }

  @Test
  void aBodyLargerThanTheLimitIs413AndAMissingEventHeader400() {
    GitLabHooks small = new GitLabHooks(10, Map.of("acme/app", "main"));
    assertThat(small.deliver("Merge Request Hook", mergeRequest("acme/app", 1, "open")).status())
        .isEqualTo(413);
    assertThat(hooks.deliver(null, "u", GitLabHooks.TOKEN, "{}".getBytes()).field())
        .isEqualTo("X-Gitlab-Event");
  }
}
