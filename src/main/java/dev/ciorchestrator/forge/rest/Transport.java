package dev.ciorchestrator.forge.rest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * One HTTP exchange with a forge, under its rate limits and the retry policy: the part of {@link
 * RestClient} that waits, backs off and counts, and knows nothing of JSON.
 */
final class Transport {
  private final Dialect dialect;
  private final Authorization authorization;
  private final HttpClient http;
  private final RestClient.Settings settings;
  private volatile Instant exhaustedUntil = Instant.MIN;

  Transport(
      Dialect dialect, Authorization authorization, HttpClient http, RestClient.Settings settings) {
    this.dialect = dialect;
    this.authorization = authorization;
    this.http = http;
    this.settings = settings;
  }

  /**
   * Sends, retrying a repeatable request on a 5xx, a timeout, a broken connection or a rate limit.
   *
   * @param etag the {@code If-None-Match} of a conditional GET, or null
   * @param header other credentials than the client's, or null
   */
  HttpResponse<byte[]> send(
      String method,
      String url,
      byte[] body,
      String etag,
      boolean repeatable,
      Authorization.Header header)
      throws IOException {
    Callable<HttpResponse<byte[]>> once = () -> attempt(method, url, body, etag, header);
    try {
      return repeatable ? settings.retry().call(once, typeOf()) : once.call();
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
      String method, String url, byte[] body, String etag, Authorization.Header header)
      throws IOException, InterruptedException {
    String what = method + " " + endpoint(url);
    awaitReset(what);
    HttpResponse<byte[]> r;
    try {
      r =
          http.send(
              request(method, url, body, etag, header), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      settings.metrics().request(dialect.forge(), 0, false);
      throw new RetryableException(
          what + " timed out after " + settings.timeout().toMillis() + " ms", e);
    } catch (IOException e) {
      settings.metrics().request(dialect.forge(), 0, false);
      throw new RetryableException(what + " failed: " + e.getMessage(), e);
    }
    int status = r.statusCode();
    settings.metrics().request(dialect.forge(), status, status == 304);
    Limit limit = dialect.limit(r.headers(), status, settings.clock().instant());
    dialect.exhaustedUntil(r.headers()).ifPresent(until -> exhaustedUntil = until);
    if (limit.kind() == Limit.Kind.WAIT) {
      waitOut(what, limit.delay());
      throw new RetryableException(what + " was rate limited; waited " + limit.delay());
    }
    if (limit.kind() == Limit.Kind.BACK_OFF) {
      settings.metrics().rateLimited(dialect.forge());
      throw new RetryableException(what + " was rate limited (" + status + "); backing off");
    }
    if (status >= 500) {
      throw new RetryableException(what + " answered " + status);
    }
    return r;
  }

  private HttpRequest request(
      String method, String url, byte[] body, String etag, Authorization.Header header)
      throws IOException {
    Authorization.Header auth = header != null ? header : authorization.header();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(settings.timeout())
            .header("User-Agent", "ci-orchestrator")
            .header(auth.name(), auth.value());
    dialect.headers().forEach(request::header);
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return request.build();
  }

  /** Before sending: the last answer said the limit is used up, so wait for its reset. */
  private void awaitReset(String what) throws IOException, InterruptedException {
    Instant until = exhaustedUntil;
    Instant now = settings.clock().instant();
    if (until.isAfter(now)) {
      waitOut(what, Duration.between(now, until).plusSeconds(1));
      exhaustedUntil = Instant.MIN;
    }
  }

  private void waitOut(String what, Duration wait) throws IOException, InterruptedException {
    if (wait.compareTo(settings.maxRateLimitWait()) > 0) {
      throw new IOException(
          what
              + " is rate limited for "
              + wait.toSeconds()
              + " s, longer than max-rate-limit-wait");
    }
    settings.metrics().rateLimited(dialect.forge());
    settings.sleeper().sleep(wait);
  }

  /** The URL's path and query, for messages: never the host's credentials, never a token. */
  static String endpoint(String url) {
    URI u = URI.create(url);
    return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }
}
