package dev.ciorchestrator.forge.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How one forge's REST API differs from the others' under {@link RestClient}: its name for metrics,
 * fixed headers, page size, error bodies and rate-limit headers. Everything else (conditional
 * requests, pagination, retries, waits) is the same for every forge.
 */
public interface Dialect {
  /** The forge kind for metrics and messages: {@code github}, {@code gitlab}, {@code gitea}. */
  String forge();

  /** Headers every request carries ({@code Accept}, an API version). */
  Map<String, String> headers();

  /** The query parameter that sets the page size ({@code per_page}, {@code limit}). */
  String pageParameter();

  /**
   * Items asked for per page: the forge's maximum, so a listing costs as few requests as can be.
   */
  int pageSize();

  /** The forge's own reason in an error answer's body; {@code ""} when it gives none. */
  String reason(JsonNode body);

  /** The exception for a refusal that repeating will not fix. */
  default RestException failure(String what, int status, String reason) {
    return new RestException(what, status, reason);
  }

  /** What the answer says of the rate limit. */
  Limit limit(HttpHeaders headers, int status, Instant now);

  /** When the answer says no request is left: the time the limit resets. */
  Optional<Instant> exhaustedUntil(HttpHeaders headers);
}
