package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.rest.Dialect;
import dev.ciorchestrator.forge.rest.Limit;
import dev.ciorchestrator.forge.rest.RestException;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GitHub's REST API: its media type and version, 100 per page, its error bodies and limits. */
final class GitHubDialect implements Dialect {
  @Override
  public String forge() {
    return GitHubApi.FORGE;
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28");
  }

  @Override
  public String pageParameter() {
    return "per_page";
  }

  @Override
  public int pageSize() {
    return 100;
  }

  /**
   * {@code message}, and the messages of {@code errors[]}: a 422's {@code message} is only
   * "Validation Failed", its reason is in {@code errors[].message} ("Squash merges are not allowed
   * on this repository."), or, for a field that failed, in its {@code code} and {@code field}.
   */
  @Override
  public String reason(JsonNode body) {
    String message = body.path("message").asText("");
    List<String> details = new ArrayList<>();
    for (JsonNode e : body.path("errors")) {
      String detail =
          e.isTextual()
              ? e.asText()
              : e.path("message")
                  .asText((e.path("field").asText("") + " " + e.path("code").asText("")).strip());
      if (!detail.isBlank()) {
        details.add(detail);
      }
    }
    if (details.isEmpty()) {
      return message;
    }
    return (message.isEmpty() ? "" : message + ": ") + String.join("; ", details);
  }

  @Override
  public RestException failure(String what, int status, String reason) {
    return new GitHubException(what, status, reason);
  }

  @Override
  public Limit limit(HttpHeaders headers, int status, Instant now) {
    return RateLimits.waitFor(headers, status, now).map(Limit::waitFor).orElse(Limit.NONE);
  }

  @Override
  public Optional<Instant> exhaustedUntil(HttpHeaders headers) {
    return RateLimits.exhaustedUntil(headers);
  }
}
