package dev.ciorchestrator.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.rest.RestClient;
import dev.ciorchestrator.forge.rest.RestException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Labels on Gitea pull requests, which its API adds and removes by label id: the repository's
 * labels are looked up by name (and a missing one created), their ids kept.
 */
final class Labels {
  private static final String COLOR = "#e11d21";

  private final RestClient api;
  private final Map<String, Long> ids = new ConcurrentHashMap<>();

  Labels(RestClient api) {
    this.api = api;
  }

  void write(String repo, long change, String label, boolean present) throws IOException {
    String issue = Repos.of(repo) + "/issues/" + change + "/labels";
    if (present) {
      api.send("POST", issue, Map.of("labels", List.of(id(repo, label, true))), true);
      return;
    }
    Long id = id(repo, label, false);
    if (id == null) {
      return; // the repository has no such label, so no pull request carries it
    }
    try {
      api.send("DELETE", issue + "/" + id, null, true);
    } catch (RestException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
  }

  private Long id(String repo, String label, boolean create) throws IOException {
    String key = repo + " " + label;
    Long known = ids.get(key);
    if (known != null) {
      return known;
    }
    for (JsonNode l : api.getAll(Repos.of(repo) + "/labels")) {
      if (l.path("name").asText("").equals(label)) {
        ids.put(key, l.path("id").asLong());
        return l.path("id").asLong();
      }
    }
    if (!create) {
      return null;
    }
    JsonNode made =
        api.send("POST", Repos.of(repo) + "/labels", Map.of("name", label, "color", COLOR), false)
            .body();
    ids.put(key, made.path("id").asLong());
    return made.path("id").asLong();
  }
}
