package dev.ciorchestrator.forge.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.rest.RestClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Merges a merge request on GitLab: {@code PUT …/merge} always with {@code sha} (the head the gate
 * saw: a push since is refused with 409, not merged untested) and {@code squash} for the squash
 * method; the other methods follow the project's merge method setting (merge commit, semi-linear,
 * fast-forward), which the API cannot choose per merge. 401, 405, 406, 409 and 422 are refusals
 * with GitLab's reason, except while GitLab is still working out whether it can merge (right after
 * the merge request was opened or pushed): then the merge is tried again on a later pass.
 */
final class GitLabMerge {
  private final RestClient api;

  GitLabMerge(RestClient api) {
    this.api = api;
  }

  /**
   * @param status GitLab's last word on the merge request's mergeability ({@code
   *     detailed_merge_status}), if read
   */
  MergeResult merge(
      String repo, long change, String headSha, MergeMethod method, Optional<String> status)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sha", headSha);
    body.put("squash", method == MergeMethod.SQUASH);
    body.put("should_remove_source_branch", false);
    RestClient.Reply r =
        api.send(
            "PUT",
            Projects.of(repo) + "/merge_requests/" + change + "/merge",
            body,
            true,
            401,
            405,
            406,
            409,
            422);
    String reason = api.reason(r.body());
    if (r.status() == 200) {
      return merged(r.body(), method);
    }
    boolean checking = status.map(MergeRequestJson.CHECKING::contains).orElse(true);
    if (checking && r.status() != 409 && r.status() != 401) {
      return MergeResult.later(
          "GitLab answered " + r.status() + " while still checking whether it can merge");
    }
    return MergeResult.refused(
        "GitLab answered " + r.status() + (reason.isEmpty() ? "" : ": " + reason));
  }

  /** A 200 answers the merge request: merged, or set to merge when its pipeline succeeds. */
  private static MergeResult merged(JsonNode mr, MergeMethod method) {
    if (!"merged".equals(mr.path("state").asText(""))) {
      return MergeResult.later(
          "GitLab accepted the merge but has not merged yet (state "
              + mr.path("state").asText("unknown")
              + ")");
    }
    String sha =
        mr.path("merge_commit_sha")
            .asText(mr.path("squash_commit_sha").asText(mr.path("sha").asText("")));
    return MergeResult.merged(sha, method.wire());
  }
}
