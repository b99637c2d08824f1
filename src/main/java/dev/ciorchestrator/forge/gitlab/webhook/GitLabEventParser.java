package dev.ciorchestrator.forge.gitlab.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.webhook.HookEvent;
import dev.ciorchestrator.forge.webhook.HookJson;
import dev.ciorchestrator.intake.JsonProblem;
import java.util.Set;

/**
 * Reads a GitLab delivery ({@code X-Gitlab-Event}: {@code Merge Request Hook}, {@code Note Hook},
 * {@code Push Hook}) into a {@link HookEvent}, strict about the few fields it needs and naming the
 * JSON path of one that is missing or of the wrong type.
 */
public final class GitLabEventParser {
  static final String MERGE_REQUEST = "Merge Request Hook";
  static final String NOTE = "Note Hook";
  static final String PUSH = "Push Hook";

  /** The events handled; any other is answered 202 and ignored. */
  public static final Set<String> EVENTS = Set.of(MERGE_REQUEST, NOTE, PUSH);

  private GitLabEventParser() {}

  public static boolean handles(String event) {
    return EVENTS.contains(event);
  }

  /**
   * @param event the {@code X-Gitlab-Event} header, one of {@link #EVENTS}
   */
  public static HookEvent parse(String event, byte[] body) throws JsonProblem {
    JsonNode root = HookJson.tree(body);
    String repo = HookJson.text(root, "project.path_with_namespace");
    return switch (event) {
      case MERGE_REQUEST ->
          HookEvent.change(
              event,
              HookJson.optionalText(root, "object_attributes.action"),
              repo,
              HookJson.positive(root, "object_attributes.iid"));
      case NOTE -> note(event, root, repo);
      case PUSH ->
          HookEvent.push(
              event,
              repo,
              HookJson.texts(
                  root,
                  "project.git_http_url",
                  "project.git_ssh_url",
                  "project.http_url",
                  "project.ssh_url",
                  "project.url",
                  "repository.git_http_url",
                  "repository.git_ssh_url",
                  "repository.url"));
      default -> throw new IllegalArgumentException("not a handled event: " + event);
    };
  }

  /** A note on a merge request names it in {@code merge_request.iid}; others are not ours. */
  private static HookEvent note(String event, JsonNode root, String repo) throws JsonProblem {
    String type = HookJson.text(root, "object_attributes.noteable_type");
    long iid = "MergeRequest".equals(type) ? HookJson.positive(root, "merge_request.iid") : 0;
    return HookEvent.comment(
        event,
        HookJson.optionalText(root, "object_attributes.action"),
        repo,
        iid,
        HookJson.optionalText(root, "user.username"),
        HookJson.optionalText(root, "object_attributes.note"));
  }
}
