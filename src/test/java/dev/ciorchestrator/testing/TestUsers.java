package dev.ciorchestrator.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded forge's people in tests and their API tokens: the {@code %test} profile and {@link
 * ServiceProcess} give each of {@link #USERS} the token {@code test-token-<user>}.
 */
public final class TestUsers {
  public static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "mallory");

  private TestUsers() {}

  public static String token(String user) {
    return "test-token-" + user;
  }

  /** The {@code Authorization} header's value for {@code user}. */
  public static String bearer(String user) {
    return "Bearer " + token(user);
  }

  /** A RestAssured request acting as {@code user}, for {@code @QuarkusTest}s. */
  public static RequestSpecification as(String user) {
    return RestAssured.given().header("Authorization", bearer(user));
  }

  /** The settings that give each of {@link #USERS} its test token. */
  public static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    USERS.forEach(u -> settings.put("ci.forge.local.tokens." + u, token(u)));
    return settings;
  }
}
