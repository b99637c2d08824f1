package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import io.smallrye.faulttolerance.api.Guard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's REST API as the adapter uses it: JSON in and out, conditional GETs, Link pagination,
 * rate limits and retries. GitHub types stay in this package.
 *
 * <p>Economy: every GET carries the {@code ETag} of its last answer; a 304 reuses the cached body
 * and costs no rate limit. Faults: a 5xx, a timeout or a broken connection is retried with
 * exponential backoff by a SmallRye Fault Tolerance {@link Guard}; a rate limit (primary: remaining
 * 0; secondary: 403/429 with {@code Retry-After}) is waited out with the injected {@link Sleeper},
 * then retried. A 4xx is a {@link GitHubException}, never retried. Writes that would duplicate
 * something when repeated (a comment) are sent once: the next pass finds out what happened.
 */
final class GitHubApi {
  static final String FORGE = "github";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  private static final int CACHE_ENTRIES = 50_000;
  private static final int PER_PAGE = 100;

  /** An answer: its status and body (a {@code NullNode} when it had none). */
  record Reply(int status, JsonNode body, boolean cached) {}

  private record Cached(String etag, JsonNode body, String next) {}

  private final URI base;
  private final Credentials credentials;
  private final HttpClient http;
  private final Duration timeout;
  private final Guard retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final ForgeApiMetrics metrics;
  private final Duration maxRateLimitWait;
  private final Map<String, Cached> cache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
          return size() > CACHE_ENTRIES;
        }
      };
  private volatile Instant exhaustedUntil = Instant.MIN;

  GitHubApi(
      URI base,
      Credentials credentials,
      HttpClient http,
      Duration timeout,
      Guard retry,
      Sleeper sleeper,
      Clock clock,
      ForgeApiMetrics metrics,
      Duration maxRateLimitWait) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.credentials = credentials;
    this.http = http;
    this.timeout = timeout;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.metrics = metrics;
    this.maxRateLimitWait = maxRateLimitWait;
  }

  /** The retry policy: {@code retries} more attempts, the first after {@code delay}, doubling. */
  static Guard guard(int retries, Duration delay) {
    long ms = Math.max(1, delay.toMillis());
    return Guard.create()
        .withDescription("github-api")
        .withRetry()
        .maxRetries(Math.max(0, retries))
        .delay(ms, java.time.temporal.ChronoUnit.MILLIS)
        .jitter(0, java.time.temporal.ChronoUnit.MILLIS)
        .maxDuration(Math.max(ms * 64, 60_000), java.time.temporal.ChronoUnit.MILLIS)
        .retryOn(RetryableException.class)
        .withExponentialBackoff()
        .factor(2)
        .maxDelay(Math.max(ms * 32, 1), java.time.temporal.ChronoUnit.MILLIS)
        .done()
        .done()
        .build();
  }

  /** A GET; a 304 answers from the cache. 404 and other 4xx throw {@link GitHubException}. */
  JsonNode get(String path) throws IOException {
    return page(resolve(path)).body();
  }

  /** Every item of a paginated list, following {@code Link: rel="next"} (100 per page). */
  List<JsonNode> getAll(String path) throws IOException {
    List<JsonNode> items = new ArrayList<>();
    String first = resolve(path + (path.contains("?") ? "&" : "?") + "per_page=" + PER_PAGE);
    String url = first;
    for (int number = 1; url != null; number++) {
      if (number > 1000) {
        throw new IOException("GET " + path + " has more than 1000 pages");
      }
      Fetched page = fetch(url);
      JsonNode body = page.answer().body();
      if (!body.isArray()) {
        throw new IOException("GET " + endpoint(url) + " returned no JSON array");
      }
      body.forEach(items::add);
      url = page.answer().next();
      if (url == null && page.notModified() && body.size() >= PER_PAGE) {
        // A full last page that did not change may have gained a successor since it was cached:
        // the 304 brings back the old answer, whose Link had no "next". Ask for it.
        url = first + "&page=" + (number + 1);
      }
    }
    return items;
  }

  /** Whether a GET answers 204 (yes) or 404 (no), as membership checks do; not cached. */
  boolean exists(String path) throws IOException {
    HttpResponse<byte[]> r = send("GET", resolve(path), null, null, true, null);
    if (r.statusCode() == 204 || r.statusCode() == 200) {
      return true;
    }
    if (r.statusCode() == 404 || r.statusCode() == 302) {
      return false; // 302: the asker may not see the organisation's private members
    }
    throw failure("GET " + path, r);
  }

  /**
   * A write. 2xx answers its body; {@code accepted} statuses too (merge's 405 and 409 are answers,
   * not errors); anything else throws.
   *
   * @param repeatable whether sending it twice is harmless (a status, a label, a reaction, a merge
   *     guarded by its SHA): only then is it retried
   */
  Reply send(String method, String path, Object body, boolean repeatable, int... accepted)
      throws IOException {
    byte[] json = body == null ? null : JSON.writeValueAsBytes(body);
    String url = resolve(path);
    HttpResponse<byte[]> r = send(method, url, json, null, repeatable, null);
    int s = r.statusCode();
    boolean ok = s >= 200 && s < 300;
    for (int a : accepted) {
      ok |= s == a;
    }
    if (!ok) {
      throw failure(method + " " + path, r);
    }
    return new Reply(s, parse(method + " " + path, r.body()), false);
  }

  /** The App token exchange: a POST with the App's JWT instead of the usual credentials. */
  JsonNode exchange(String path, String authorization) throws IOException {
    HttpResponse<byte[]> r = send("POST", resolve(path), new byte[0], null, true, authorization);
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw failure("POST " + path, r);
    }
    return parse("POST " + path, r.body());
  }

  private record Fetched(Cached answer, boolean notModified) {}

  private Cached page(String url) throws IOException {
    return fetch(url).answer();
  }

  private Fetched fetch(String url) throws IOException {
    Cached known;
    synchronized (cache) {
      known = cache.get(url);
    }
    HttpResponse<byte[]> r =
        send("GET", url, null, known == null ? null : known.etag(), true, null);
    if (r.statusCode() == 304 && known != null) {
      return new Fetched(known, true);
    }
    if (r.statusCode() != 200) {
      throw failure("GET " + endpoint(url), r);
    }
    Cached fresh =
        new Cached(
            r.headers().firstValue("etag").orElse(null),
            parse("GET " + endpoint(url), r.body()),
            next(r).orElse(null));
    if (fresh.etag() != null) {
      synchronized (cache) {
        cache.put(url, fresh);
      }
    }
    return new Fetched(fresh, false);
  }

  private HttpResponse<byte[]> send(
      String method, String url, byte[] body, String etag, boolean repeatable, String authorization)
      throws IOException {
    Callable<HttpResponse<byte[]>> once = () -> attempt(method, url, body, etag, authorization);
    try {
      return repeatable ? retry.call(once, typeOf()) : once.call();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(method + " " + endpoint(url) + " interrupted", e);
    } catch (Exception e) {
      throw new IOException(method + " " + endpoint(url) + " failed: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<HttpResponse<byte[]>> typeOf() {
    return (Class<HttpResponse<byte[]>>) (Class<?>) HttpResponse.class;
  }

  private HttpResponse<byte[]> attempt(
      String method, String url, byte[] body, String etag, String authorization)
      throws IOException, InterruptedException {
    String what = method + " " + endpoint(url);
    awaitReset(what);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", "ci-orchestrator")
            .header(
                "Authorization",
                authorization != null ? authorization : credentials.authorization(this));
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<byte[]> r;
    try {
      r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      metrics.request(FORGE, 0, false);
      throw new RetryableException(what + " timed out after " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      metrics.request(FORGE, 0, false);
      throw new RetryableException(what + " failed: " + e.getMessage(), e);
    }
    int status = r.statusCode();
    metrics.request(FORGE, status, status == 304);
    Optional<Duration> limited = RateLimits.waitFor(r.headers(), status, clock.instant());
    RateLimits.exhaustedUntil(r.headers()).ifPresent(until -> exhaustedUntil = until);
    if (limited.isPresent()) {
      waitOut(what, limited.get());
      throw new RetryableException(what + " was rate limited; waited " + limited.get());
    }
    if (status >= 500) {
      throw new RetryableException(what + " answered " + status);
    }
    return r;
  }

  /** Before sending: the last answer said the limit is used up, so wait for its reset. */
  private void awaitReset(String what) throws IOException, InterruptedException {
    Instant until = exhaustedUntil;
    Instant now = clock.instant();
    if (until.isAfter(now)) {
      waitOut(what, Duration.between(now, until).plusSeconds(1));
      exhaustedUntil = Instant.MIN;
    }
  }

  private void waitOut(String what, Duration wait) throws IOException, InterruptedException {
    if (wait.compareTo(maxRateLimitWait) > 0) {
      throw new IOException(
          what
              + " is rate limited for "
              + wait.toSeconds()
              + " s, longer than max-rate-limit-wait");
    }
    metrics.rateLimited(FORGE);
    sleeper.sleep(wait);
  }

  private GitHubException failure(String what, HttpResponse<byte[]> r) {
    String message = "";
    try {
      message = JSON.readTree(r.body()).path("message").asText("");
    } catch (IOException | RuntimeException e) {
      // an error page that is not JSON: the status alone must do
    }
    return new GitHubException(what, r.statusCode(), message);
  }

  private static JsonNode parse(String what, byte[] body) throws IOException {
    if (body == null || body.length == 0) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IOException(what + " returned malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Only links to our own API host are followed: the token must never go anywhere else, whatever a
   * Link header says.
   */
  private Optional<String> next(HttpResponse<byte[]> r) throws IOException {
    for (String link : r.headers().allValues("link")) {
      Matcher m = NEXT.matcher(link);
      if (m.find()) {
        URI next = URI.create(m.group(1));
        if (!sameOrigin(next)) {
          throw new IOException("a Link header points outside " + base + ": " + next.getHost());
        }
        return Optional.of(next.toString());
      }
    }
    return Optional.empty();
  }

  private boolean sameOrigin(URI other) {
    return base.getScheme().equalsIgnoreCase(other.getScheme())
        && base.getHost().equalsIgnoreCase(other.getHost())
        && base.getPort() == other.getPort();
  }

  private String resolve(String path) {
    return base + path;
  }

  /** The URL's path and query, for messages: never the host's credentials, never a token. */
  private static String endpoint(String url) {
    URI u = URI.create(url);
    return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }

  /** The bare token, for Git over HTTPS ({@code x-access-token}); refreshed like the API's. */
  String gitToken() throws IOException {
    String header = credentials.authorization(this);
    return header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : header;
  }
}
