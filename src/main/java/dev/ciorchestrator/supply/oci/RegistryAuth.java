package dev.ciorchestrator.supply.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a registry's {@code 401} challenge (distribution's token auth spec): {@code Basic} sends
 * the credentials; {@code Bearer realm=...,service=...,scope=...} fetches a token from the realm
 * (with the credentials, if any) and sends that. Tokens are kept per challenge scope.
 */
final class RegistryAuth {
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final int MAX_TOKEN_RESPONSE = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Optional<Credentials> credentials;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  /** A user name and password (or registry token) for the registry. */
  record Credentials(String username, String password) {
    String basic() {
      String pair = username + ":" + password;
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
  }

  RegistryAuth(HttpClient http, Optional<Credentials> credentials) {
    this.http = http;
    this.credentials = credentials;
  }

  /** The Authorization header that answers {@code challenge}, if one can be made. */
  Optional<String> answer(String challenge) throws IOException {
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      return credentials.map(Credentials::basic);
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.remove("realm");
    if (realm == null) {
      throw new RegistryException("the registry's Bearer challenge names no realm: " + challenge);
    }
    String key = realm + " " + params;
    String token = tokens.get(key);
    if (token == null) {
      token = fetchToken(realm, params);
      tokens.put(key, token);
    }
    return Optional.of("Bearer " + token);
  }

  /** A token for the same challenge is stale after a 401 with it. */
  void forget() {
    tokens.clear();
  }

  private String fetchToken(String realm, Map<String, String> params) throws IOException {
    StringBuilder query = new StringBuilder();
    params.forEach(
        (k, v) ->
            query
                .append(query.length() == 0 ? "?" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(realm + query)).timeout(Duration.ofSeconds(30)).GET();
    credentials.ifPresent(c -> request.header("Authorization", c.basic()));
    HttpResponse<InputStream> response = OciHttp.send(http, request.build());
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_TOKEN_RESPONSE);
    }
    if (response.statusCode() != 200) {
      throw new RegistryException(
          "the token service "
              + realm
              + " answered "
              + response.statusCode()
              + (credentials.isEmpty()
                  ? " (no credentials configured: ci.registries.<id>.username)"
                  : ""));
    }
    JsonNode json = JSON.readTree(body);
    String token = json.path("token").asText(json.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new RegistryException("the token service " + realm + " answered without a token");
    }
    return token;
  }
}
