package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.rest.RestClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Merges a pull request on GitHub. {@code PUT /pulls/{n}/merge} carries the head SHA the gate saw;
 * GitHub's 405 (not mergeable), 409 (head moved), 403 and 422 answers are refusals with GitHub's
 * reason, which the reporter remembers for this head. A 200 whose body lacks the required {@code
 * merged} is not taken as merged: the pull request itself is read again to find out.
 */
final class PullMerge {
  private final GitHubApi api;

  PullMerge(GitHubApi api) {
    this.api = api;
  }

  MergeResult merge(
      String repo, long change, String headSha, MergeMethod method, Optional<ForgeChange> known)
      throws IOException {
    if (method == MergeMethod.FAST_FORWARD) {
      return fastForward(repo, change, headSha, known);
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("merge_method", method.wire());
    body.put("sha", headSha);
    String path = "/repos/" + repo + "/pulls/" + change + "/merge";
    RestClient.Reply r = api.send("PUT", path, body, true, 403, 405, 409, 422);
    String message = api.reason(r.body());
    if (r.status() != 200) {
      return MergeResult.refused("GitHub answered " + r.status() + suffix(message));
    }
    JsonNode merged = r.body().path("merged");
    if (!merged.isBoolean()) {
      return readBack(repo, change, method);
    }
    if (!merged.asBoolean()) {
      return MergeResult.refused("GitHub answered 200 but did not merge" + suffix(message));
    }
    return MergeResult.merged(r.body().path("sha").asText(""), method.wire() + suffix(message));
  }

  /** The answer did not say: the pull request says whether it merged, and as which commit. */
  private MergeResult readBack(String repo, long change, MergeMethod method) throws IOException {
    JsonNode pull = api.get("/repos/" + repo + "/pulls/" + change);
    if (pull.path("merged").asBoolean(false)) {
      return MergeResult.merged(
          pull.path("merge_commit_sha").asText(""),
          method.wire() + " (GitHub's answer lacked 'merged'; the pull request shows it merged)");
    }
    return MergeResult.later(
        "GitHub's answer to the merge lacked 'merged' and the pull request is not merged");
  }

  private MergeResult fastForward(
      String repo, long change, String headSha, Optional<ForgeChange> known) throws IOException {
    if (known.isEmpty()) {
      return MergeResult.refused("pull request #" + change + " is not open here");
    }
    String head = known.get().state().change().headSha();
    if (!head.equals(headSha)) {
      return MergeResult.refused(
          "head moved from " + Names.shortSha(headSha) + " to " + Names.shortSha(head));
    }
    String base = known.get().state().change().baseRef();
    RestClient.Reply r =
        api.send(
            "PATCH",
            "/repos/" + repo + "/git/refs/heads/" + base,
            Map.of("sha", headSha, "force", false),
            true,
            403,
            409,
            422);
    if (r.status() == 200) {
      return MergeResult.merged(headSha, "fast-forwarded " + base);
    }
    String reason = api.reason(r.body());
    return MergeResult.refused(
        "GitHub answered "
            + r.status()
            + ": "
            + (reason.isEmpty() ? "not a fast-forward" : reason));
  }

  private static String suffix(String message) {
    return message.isEmpty() ? "" : ": " + message;
  }
}
