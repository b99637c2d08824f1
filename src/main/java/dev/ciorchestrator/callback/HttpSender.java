package dev.ciorchestrator.callback;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@link Sender} over the JDK's HTTP client. Redirects are not followed (a signed report goes only
 * where the config says), and the answer's body is discarded unread.
 */
public final class HttpSender implements Sender {
  private final HttpClient client;
  private final Duration timeout;

  /**
   * @param timeout for connecting and for the whole answer; a receiver slower than that counts as
   *     no answer and is retried
   */
  public HttpSender(Duration timeout) {
    this.client =
        HttpClient.newBuilder()
            // plain http would otherwise try an h2c upgrade first, which receivers rarely speak
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timeout = timeout;
  }

  @Override
  public int post(URI url, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "ci-orchestrator")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
