package dev.ciorchestrator.supply.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A small client of the OCI distribution API (distribution-spec v1.1) on {@code java.net.http}:
 * blobs are checked with {@code HEAD} and skipped when present, uploaded with {@code POST} then one
 * streamed {@code PUT ?digest=}; manifests are {@code PUT} and {@code GET} by tag or digest;
 * referrers are asked for with the referrers API. Every request answers a {@code 401} through
 * {@link RegistryAuth} once.
 */
public final class OciClient {
  /** Manifests and indexes are small; anything larger is refused instead of read. */
  static final int MAX_MANIFEST = 4 * 1024 * 1024;

  private final URI base;
  private final HttpClient http;
  private final RegistryAuth auth;

  public OciClient(URI base, HttpClient http, Optional<RegistryAuth.Credentials> credentials) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.http = http;
    this.auth = new RegistryAuth(http, credentials);
  }

  /** A manifest or blob as read: its bytes, media type and digest (as the registry names it). */
  public record Fetched(byte[] body, String mediaType, String digest) {}

  public URI base() {
    return base;
  }

  /** Uploads a blob from a file unless the registry has it. */
  public void pushBlob(String repo, String digest, Path file) throws IOException {
    pushBlob(repo, digest, HttpRequest.BodyPublishers.ofFile(file));
  }

  /** Uploads small bytes (config, SBOM, envelope) unless the registry has them. */
  public void pushBlob(String repo, String digest, byte[] content) throws IOException {
    pushBlob(repo, digest, HttpRequest.BodyPublishers.ofByteArray(content));
  }

  private void pushBlob(String repo, String digest, HttpRequest.BodyPublisher body)
      throws IOException {
    String blob = "/v2/" + repo + "/blobs/" + digest;
    if (send(request(blob).method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()
        == 200) {
      return;
    }
    HttpResponse<InputStream> started =
        expect(
            send(
                request("/v2/" + repo + "/blobs/uploads/")
                    .POST(HttpRequest.BodyPublishers.noBody())),
            202,
            "start upload of " + digest);
    String location =
        started
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () -> new RegistryException("the registry started an upload without a Location"));
    URI target = base.resolve(location);
    String put = target + (target.getQuery() == null ? "?" : "&") + "digest=" + digest;
    expect(
        send(
            HttpRequest.newBuilder(URI.create(put))
                .timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/octet-stream")
                .PUT(body)),
        201,
        "upload of " + digest);
  }

  /** Puts a manifest or index under {@code reference} (a tag or its digest); returns its digest. */
  public String putManifest(String repo, String reference, String mediaType, byte[] manifest)
      throws IOException {
    HttpResponse<InputStream> response =
        expect(
            send(
                request("/v2/" + repo + "/manifests/" + reference)
                    .header("Content-Type", mediaType)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))),
            201,
            "manifest " + repo + ":" + reference);
    return response.headers().firstValue("Docker-Content-Digest").orElse("");
  }

  /** A manifest by tag or digest; empty if the registry has none under that reference. */
  public Optional<Fetched> manifest(String repo, String reference) throws IOException {
    HttpRequest.Builder get =
        request("/v2/" + repo + "/manifests/" + reference)
            .header("Accept", String.join(", ", OciMedia.MANIFEST, OciMedia.INDEX))
            .GET();
    return fetch(get, "manifest " + repo + ":" + reference);
  }

  /** The referrers index of {@code digest}; empty when the registry has no referrers API. */
  public Optional<Fetched> referrers(String repo, String digest) throws IOException {
    return fetch(
        request("/v2/" + repo + "/referrers/" + digest).header("Accept", OciMedia.INDEX).GET(),
        "referrers of " + digest);
  }

  /** A small blob (SBOM, provenance) read into memory, at most {@code limit} bytes. */
  public Optional<Fetched> blob(String repo, String digest) throws IOException {
    return fetch(request("/v2/" + repo + "/blobs/" + digest).GET(), "blob " + digest);
  }

  /** A blob's stream, for artifacts of any size; the caller closes it. */
  public InputStream blobStream(String repo, String digest) throws IOException {
    HttpResponse<InputStream> r =
        expect(send(request("/v2/" + repo + "/blobs/" + digest).GET()), 200, "blob " + digest);
    return r.body();
  }

  private Optional<Fetched> fetch(HttpRequest.Builder request, String what) throws IOException {
    HttpResponse<InputStream> response = send(request);
    try (InputStream in = response.body()) {
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw failure(response, in, what);
      }
      byte[] body = in.readNBytes(MAX_MANIFEST + 1);
      if (body.length > MAX_MANIFEST) {
        throw new RegistryException(what + " is larger than " + MAX_MANIFEST + " bytes");
      }
      return Optional.of(
          new Fetched(
              body,
              response.headers().firstValue("Content-Type").orElse(""),
              response.headers().firstValue("Docker-Content-Digest").orElse("")));
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
  }

  private HttpResponse<InputStream> send(HttpRequest.Builder builder) throws IOException {
    HttpRequest first = builder.build();
    HttpResponse<InputStream> response = OciHttp.send(http, first);
    if (response.statusCode() != 401) {
      return response;
    }
    response.body().close();
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
    Optional<String> answer = auth.answer(challenge);
    if (answer.isEmpty()) {
      throw new RegistryException(
          first.method()
              + " "
              + first.uri()
              + ": the registry wants credentials ("
              + challenge
              + "); set ci.registries.<id>.username and password-env");
    }
    HttpResponse<InputStream> again =
        OciHttp.send(http, builder.setHeader("Authorization", answer.get()).build());
    if (again.statusCode() == 401) {
      auth.forget();
    }
    return again;
  }

  private static HttpResponse<InputStream> expect(
      HttpResponse<InputStream> response, int status, String what) throws IOException {
    if (response.statusCode() == status) {
      return response;
    }
    try (InputStream in = response.body()) {
      throw failure(response, in, what);
    }
  }

  private static RegistryException failure(
      HttpResponse<InputStream> response, InputStream in, String what) throws IOException {
    String body = new String(in.readNBytes(2048), StandardCharsets.UTF_8).strip();
    return new RegistryException(
        what
            + ": "
            + response.request().method()
            + " "
            + response.request().uri()
            + " answered "
            + response.statusCode()
            + (body.isEmpty() ? "" : ": " + body));
  }
}
