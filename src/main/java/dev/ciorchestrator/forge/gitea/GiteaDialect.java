package dev.ciorchestrator.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.rest.Dialect;
import dev.ciorchestrator.forge.rest.Headers;
import dev.ciorchestrator.forge.rest.Limit;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Gitea's and Forgejo's REST API {@code /api/v1}: {@code limit} per page (50 is the servers'
 * default maximum, {@code [api] MAX_RESPONSE_ITEMS}), error bodies {@code {"message", "url"}}. They
 * limit no rate themselves; a proxy in front may answer 429, which waits for {@code Retry-After} or
 * backs off.
 */
final class GiteaDialect implements Dialect {
  static final String FORGE = "gitea";

  @Override
  public String forge() {
    return FORGE;
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Accept", "application/json");
  }

  @Override
  public String pageParameter() {
    return "limit";
  }

  @Override
  public int pageSize() {
    return 50;
  }

  @Override
  public String reason(JsonNode body) {
    String message = body.path("message").asText("");
    JsonNode errors = body.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      StringBuilder out = new StringBuilder(message);
      errors.forEach(e -> out.append(out.isEmpty() ? "" : "; ").append(e.asText()));
      return out.toString();
    }
    return message;
  }

  @Override
  public Limit limit(HttpHeaders headers, int status, Instant now) {
    return Headers.tooManyRequests(headers, status, now, "x-ratelimit-reset");
  }

  @Override
  public Optional<Instant> exhaustedUntil(HttpHeaders headers) {
    return Optional.empty();
  }
}
