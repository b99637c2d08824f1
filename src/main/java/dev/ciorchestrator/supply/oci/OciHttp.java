package dev.ciorchestrator.supply.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends a request, turning an interrupt into an {@link IOException} with the flag kept. */
final class OciHttp {
  private OciHttp() {}

  static HttpResponse<InputStream> send(HttpClient http, HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + request.method() + " " + request.uri(), e);
    }
  }
}
