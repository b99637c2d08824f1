package dev.ciorchestrator.forge.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.rest.Dialect;
import dev.ciorchestrator.forge.rest.Headers;
import dev.ciorchestrator.forge.rest.Limit;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab's REST API v4: 100 per page, its error bodies ({@code message} as a string, a list, or
 * field → messages), and its {@code RateLimit-*} headers: a 429 waits for {@code Retry-After} or
 * {@code RateLimit-Reset}, and backs off exponentially when it has neither (GitLab.com does not
 * always send them).
 */
final class GitLabDialect implements Dialect {
  static final String FORGE = "gitlab";

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
    return "per_page";
  }

  @Override
  public int pageSize() {
    return 100;
  }

  @Override
  public String reason(JsonNode body) {
    JsonNode message = body.path("message");
    if (message.isTextual()) {
      return message.asText();
    }
    List<String> parts = new ArrayList<>();
    if (message.isArray()) {
      message.forEach(m -> parts.add(m.asText()));
    } else if (message.isObject()) {
      message
          .properties()
          .forEach(
              f -> {
                List<String> texts = new ArrayList<>();
                if (f.getValue().isArray()) {
                  f.getValue().forEach(v -> texts.add(v.asText()));
                } else {
                  texts.add(f.getValue().asText());
                }
                parts.add(f.getKey() + ": " + String.join(", ", texts));
              });
    }
    if (parts.isEmpty() && body.path("error").isTextual()) {
      parts.add(body.path("error").asText());
      String detail = body.path("error_description").asText("");
      if (!detail.isEmpty()) {
        parts.add(detail);
      }
    }
    return String.join("; ", parts);
  }

  @Override
  public Limit limit(HttpHeaders headers, int status, Instant now) {
    return Headers.tooManyRequests(headers, status, now, "ratelimit-reset");
  }

  @Override
  public Optional<Instant> exhaustedUntil(HttpHeaders headers) {
    if (Headers.number(headers, "ratelimit-remaining").filter(n -> n == 0).isEmpty()) {
      return Optional.empty();
    }
    return Headers.number(headers, "ratelimit-reset").map(Instant::ofEpochSecond);
  }
}
