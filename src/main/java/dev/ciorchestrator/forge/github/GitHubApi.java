package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.forge.rest.Authorization;
import dev.ciorchestrator.forge.rest.RestClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;

/**
 * GitHub's REST API as the adapter uses it: the shared {@link RestClient} in GitHub's {@link
 * GitHubDialect}, authorized by a token or a GitHub App ({@link Credentials}). GitHub types stay in
 * this package.
 */
final class GitHubApi {
  static final String FORGE = "github";

  private final Credentials credentials;
  private final RestClient rest;

  GitHubApi(Credentials credentials, HttpClient http, RestClient.Settings settings) {
    this.credentials = credentials;
    this.rest =
        new RestClient(
            new GitHubDialect(),
            () -> new Authorization.Header("Authorization", credentials.authorization(this)),
            http,
            settings);
  }

  /** A GET; a 304 answers from the cache. 404 and other 4xx throw {@link GitHubException}. */
  JsonNode get(String path) throws IOException {
    return rest.get(path);
  }

  /** Every item of a paginated list, following {@code Link: rel="next"} (100 per page). */
  List<JsonNode> getAll(String path) throws IOException {
    return rest.getAll(path);
  }

  /** Whether a GET answers 204 (yes) or 404 (no), as membership checks do; not cached. */
  boolean exists(String path) throws IOException {
    return rest.exists(path);
  }

  /** A write; see {@link RestClient#send}. */
  RestClient.Reply send(
      String method, String path, Object body, boolean repeatable, int... accepted)
      throws IOException {
    return rest.send(method, path, body, repeatable, accepted);
  }

  /** The App token exchange: a POST with the App's JWT instead of the usual credentials. */
  JsonNode exchange(String path, String authorization) throws IOException {
    return rest.sendAs(path, new Authorization.Header("Authorization", authorization), 201, 200)
        .body();
  }

  /** GitHub's reason in an error answer's body ({@code message} and {@code errors[]}). */
  String reason(JsonNode body) {
    return rest.reason(body);
  }

  /** The bare token, for Git over HTTPS ({@code x-access-token}); refreshed like the API's. */
  String gitToken() throws IOException {
    String header = credentials.authorization(this);
    return header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : header;
  }
}
