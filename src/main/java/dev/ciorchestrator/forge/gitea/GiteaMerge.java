package dev.ciorchestrator.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.rest.RestClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Merges a pull request on Gitea: {@code POST …/pulls/{n}/merge} with {@code Do} (the method) and
 * {@code head_commit_id} (the head the gate saw). 409 ("head out of date", or conflicts) and 405
 * (not mergeable, the method not allowed) are refusals with Gitea's reason, never retried, except a
 * 405 that says to try again later (Gitea is still checking the pull request). A 200 has no body:
 * the pull request is read again for its merge commit.
 */
final class GiteaMerge {
  private final RestClient api;

  GiteaMerge(RestClient api) {
    this.api = api;
  }

  MergeResult merge(String repo, long change, String headSha, MergeMethod method)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "Do",
        switch (method) {
          case MERGE -> "merge";
          case SQUASH -> "squash";
          case REBASE -> "rebase";
          case FAST_FORWARD -> "fast-forward-only";
        });
    body.put("head_commit_id", headSha);
    body.put("delete_branch_after_merge", false);
    String pull = Repos.of(repo) + "/pulls/" + change;
    RestClient.Reply r = api.send("POST", pull + "/merge", body, false, 405, 409, 422);
    if (r.status() >= 200 && r.status() < 300) {
      JsonNode after = api.get(pull);
      if (!after.path("merged").asBoolean(false)) {
        return MergeResult.later("Gitea accepted the merge but the pull request is not merged yet");
      }
      return MergeResult.merged(after.path("merge_commit_sha").asText(""), method.wire());
    }
    String reason = api.reason(r.body());
    String text = "Gitea answered " + r.status() + (reason.isEmpty() ? "" : ": " + reason);
    if (r.status() == 405 && reason.toLowerCase(Locale.ROOT).contains("try again later")) {
      return MergeResult.later(text);
    }
    return MergeResult.refused(text);
  }

  /**
   * Tells Gitea a pull request was merged by a push ({@code Do: manually-merged} with the commit
   * that brought it in), as Gitea does not notice by itself unless its "autodetect manual merge"
   * option is on; needs the repository's "allow manual merge" option.
   */
  MergeResult manuallyMerged(String repo, long change, String commit) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Do", "manually-merged");
    body.put("merge_commit_id", commit);
    RestClient.Reply r =
        api.send("POST", Repos.of(repo) + "/pulls/" + change + "/merge", body, true, 405, 409, 422);
    if (r.status() >= 200 && r.status() < 300) {
      return MergeResult.merged(commit, "fast-forward");
    }
    String reason = api.reason(r.body());
    return MergeResult.refused(
        "the batch landed, but Gitea answered "
            + r.status()
            + " to marking #"
            + change
            + " merged"
            + (reason.isEmpty() ? "" : ": " + reason)
            + " (allow manual merges in the repository's settings)");
  }
}
