package dev.ciorchestrator.forge.gitea.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.webhook.HookEvent;
import dev.ciorchestrator.forge.webhook.HookJson;
import dev.ciorchestrator.intake.JsonProblem;
import java.util.Set;

/**
 * Reads a Gitea or Forgejo delivery ({@code X-Gitea-Event}) into a {@link HookEvent}: pull request
 * events (opened, synchronized, closed, reopened, edited, labels, reviews), comments on issues and
 * pull requests, and pushes; strict about the few fields it needs, naming the JSON path of one that
 * is missing or of the wrong type.
 */
public final class GiteaEventParser {
  static final String PUSH = "push";
  static final String ISSUE_COMMENT = "issue_comment";
  static final String PULL_REQUEST_COMMENT = "pull_request_comment";

  /**
   * Events about a pull request itself: its payload has {@code number} and {@code pull_request}.
   */
  static final Set<String> PULL_EVENTS =
      Set.of(
          "pull_request",
          "pull_request_sync",
          "pull_request_label",
          "pull_request_review_approved",
          "pull_request_review_rejected",
          "pull_request_review_comment");

  /** The events handled; any other is answered 202 and ignored. */
  public static final Set<String> EVENTS =
      Set.of(
          "pull_request",
          "pull_request_sync",
          "pull_request_label",
          "pull_request_review_approved",
          "pull_request_review_rejected",
          "pull_request_review_comment",
          ISSUE_COMMENT,
          PULL_REQUEST_COMMENT,
          PUSH);

  private GiteaEventParser() {}

  public static boolean handles(String event) {
    return EVENTS.contains(event);
  }

  /**
   * @param event the {@code X-Gitea-Event} header, one of {@link #EVENTS}
   */
  public static HookEvent parse(String event, byte[] body) throws JsonProblem {
    JsonNode root = HookJson.tree(body);
    String repo = HookJson.text(root, "repository.full_name");
    if (PULL_EVENTS.contains(event)) {
      return HookEvent.change(
          event, HookJson.optionalText(root, "action"), repo, HookJson.positive(root, "number"));
    }
    if (event.equals(PUSH)) {
      HookJson.text(root, "ref");
      return HookEvent.push(
          event,
          repo,
          HookJson.texts(
              root, "repository.clone_url", "repository.ssh_url", "repository.html_url"));
    }
    return comment(event, root, repo);
  }

  /** A comment on a pull request says so in {@code is_pull} or {@code issue.pull_request}. */
  private static HookEvent comment(String event, JsonNode root, String repo) throws JsonProblem {
    long number = HookJson.positive(root, "issue.number");
    boolean onPull =
        root.path("is_pull").asBoolean(false)
            || (root.path("issue").path("pull_request").isObject())
            || event.equals(PULL_REQUEST_COMMENT);
    return HookEvent.comment(
        event,
        HookJson.optionalText(root, "action"),
        repo,
        onPull ? number : 0,
        HookJson.optionalText(root, "comment.user.login"),
        HookJson.optionalText(root, "comment.body"));
  }
}
