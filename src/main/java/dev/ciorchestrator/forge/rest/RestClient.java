package dev.ciorchestrator.forge.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import io.smallrye.faulttolerance.api.Guard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A forge's REST API as the adapters use it, the same for every forge but for its {@link Dialect}:
 * JSON in and out, conditional GETs, pagination, rate limits and retries.
 *
 * <p>Economy: every GET carries the {@code ETag} of its last answer; a 304 reuses the cached body
 * (on GitHub it costs no rate limit). Faults: a 5xx, a timeout, a broken connection or a 429 that
 * says nothing of when is retried with exponential backoff by a SmallRye Fault Tolerance {@link
 * Guard}; a rate limit that says how long (its reset time, or {@code Retry-After}) is waited out
 * with the injected {@link Sleeper}, then retried. Any other 4xx is a {@link RestException}, never
 * retried. Writes that would duplicate something when repeated (a comment) are sent once: the next
 * pass finds out what happened.
 */
public class RestClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CACHE_ENTRIES = 50_000;
  private static final int MAX_PAGES = 1000;

  /** An answer: its status and body (a {@code NullNode} when it had none). */
  public record Reply(int status, JsonNode body) {}

  /** How a client reaches its forge. */
  public record Settings(
      URI base,
      Duration timeout,
      Guard retry,
      Sleeper sleeper,
      Clock clock,
      ForgeApiMetrics metrics,
      Duration maxRateLimitWait) {}

  private record Fetched(ResponseCache.Entry answer, boolean notModified) {}

  private final Dialect dialect;
  private final Transport transport;
  private final URI base;
  private final Pages pages;
  private final ResponseCache cache = new ResponseCache(CACHE_ENTRIES);

  public RestClient(
      Dialect dialect, Authorization authorization, HttpClient http, Settings settings) {
    this.dialect = dialect;
    this.transport = new Transport(dialect, authorization, http, settings);
    String b = settings.base().toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.pages = new Pages(base);
  }

  /** The retry policy: {@code retries} more attempts, the first after {@code delay}, doubling. */
  public static Guard guard(String forge, int retries, Duration delay) {
    long ms = Math.max(1, delay.toMillis());
    return Guard.create()
        .withDescription(forge + "-api")
        .withRetry()
        .maxRetries(Math.max(0, retries))
        .delay(ms, ChronoUnit.MILLIS)
        .jitter(0, ChronoUnit.MILLIS)
        .maxDuration(Math.max(ms * 64, 60_000), ChronoUnit.MILLIS)
        .retryOn(RetryableException.class)
        .withExponentialBackoff()
        .factor(2)
        .maxDelay(Math.max(ms * 32, 1), ChronoUnit.MILLIS)
        .done()
        .done()
        .build();
  }

  /** An HTTP client for {@code api}: no redirects; HTTP/2 only where TLS can negotiate it. */
  public static HttpClient http(URI api, Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        // plain HTTP (a test server, a proxy on loopback) would otherwise try an h2c upgrade on
        // every new connection
        .version(
            "https".equalsIgnoreCase(api.getScheme())
                ? HttpClient.Version.HTTP_2
                : HttpClient.Version.HTTP_1_1)
        .build();
  }

  public String forge() {
    return dialect.forge();
  }

  /** A GET; a 304 answers from the cache. 404 and other 4xx throw {@link RestException}. */
  public JsonNode get(String path) throws IOException {
    return fetch(resolve(path)).answer().body();
  }

  /** Every item of a paginated list, as many per page as the forge gives. */
  public List<JsonNode> getAll(String path) throws IOException {
    List<JsonNode> items = new ArrayList<>();
    String sep = path.contains("?") ? "&" : "?";
    String first = resolve(path + sep + dialect.pageParameter() + "=" + dialect.pageSize());
    String url = first;
    for (int number = 1; url != null; number++) {
      if (number > MAX_PAGES) {
        throw new IOException("GET " + path + " has more than " + MAX_PAGES + " pages");
      }
      Fetched page = fetch(url);
      JsonNode body = page.answer().body();
      if (!body.isArray()) {
        throw new IOException("GET " + Transport.endpoint(url) + " returned no JSON array");
      }
      body.forEach(items::add);
      url = page.answer().next();
      if (url == null && page.notModified() && body.size() >= dialect.pageSize()) {
        // A full last page that did not change may have gained a successor since it was cached:
        // the 304 brings back the old answer, whose Link had no "next". Ask for it.
        url = Pages.withPage(first, number + 1);
      }
    }
    return items;
  }

  /** Whether a GET answers 204 or 200 (yes) or 404 (no), as membership checks do; not cached. */
  public boolean exists(String path) throws IOException {
    HttpResponse<byte[]> r = transport.send("GET", resolve(path), null, null, true, null);
    if (r.statusCode() == 204 || r.statusCode() == 200) {
      return true;
    }
    if (r.statusCode() == 404 || r.statusCode() == 302) {
      return false; // 302: the asker may not see the organisation's private members
    }
    throw failure("GET " + path, r);
  }

  /**
   * A write. 2xx answers its body; {@code accepted} statuses too (a merge's 405 and 409 are
   * answers, not errors); anything else throws.
   *
   * @param repeatable whether sending it twice is harmless (a status, a label, a reaction, a merge
   *     guarded by its SHA): only then is it retried
   */
  public Reply send(String method, String path, Object body, boolean repeatable, int... accepted)
      throws IOException {
    byte[] json = body == null ? null : JSON.writeValueAsBytes(body);
    HttpResponse<byte[]> r = transport.send(method, resolve(path), json, null, repeatable, null);
    int s = r.statusCode();
    boolean ok = s >= 200 && s < 300;
    for (int a : accepted) {
      ok |= s == a;
    }
    if (!ok) {
      throw failure(method + " " + path, r);
    }
    return new Reply(s, parse(method + " " + path, r.body()));
  }

  /** A POST with other credentials than the client's (a GitHub App's JWT), repeatable. */
  public Reply sendAs(String path, Authorization.Header header, int... accepted)
      throws IOException {
    HttpResponse<byte[]> r = transport.send("POST", resolve(path), new byte[0], null, true, header);
    for (int a : accepted) {
      if (r.statusCode() == a) {
        return new Reply(a, parse("POST " + path, r.body()));
      }
    }
    throw failure("POST " + path, r);
  }

  /** The forge's reason for an error answer, from its body. */
  public String reason(JsonNode body) {
    return dialect.reason(body);
  }

  private Fetched fetch(String url) throws IOException {
    ResponseCache.Entry known = cache.get(url);
    HttpResponse<byte[]> r =
        transport.send("GET", url, null, known == null ? null : known.etag(), true, null);
    if (r.statusCode() == 304 && known != null) {
      return new Fetched(known, true);
    }
    if (r.statusCode() != 200) {
      throw failure("GET " + Transport.endpoint(url), r);
    }
    ResponseCache.Entry fresh =
        new ResponseCache.Entry(
            r.headers().firstValue("etag").orElse(null),
            parse("GET " + Transport.endpoint(url), r.body()),
            pages.next(url, r.headers()).orElse(null));
    if (fresh.etag() != null) {
      cache.put(url, fresh);
    }
    return new Fetched(fresh, false);
  }

  private RestException failure(String what, HttpResponse<byte[]> r) {
    String reason = "";
    try {
      reason = dialect.reason(JSON.readTree(r.body()));
    } catch (IOException | RuntimeException e) {
      // an error page that is not JSON: the status alone must do
    }
    return dialect.failure(what, r.statusCode(), reason == null ? "" : reason);
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

  private String resolve(String path) {
    return base + path;
  }
}
