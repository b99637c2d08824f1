package dev.ciorchestrator.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code ci.api.reads=token} the pages, like the API, are for logged-in users only. */
@QuarkusTest
@TestProfile(UiReadsTokenTest.ReadsToken.class)
class UiReadsTokenTest {
  /** Reads need a user. */
  public static class ReadsToken implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ci.api.reads", "token");
    }
  }

  @Test
  void anAnonymousVisitorIsSentToTheLoginPageAndComesBackAfterwards() {
    Response home = given().redirects().follow(false).get("/jobs/unit?page=1");
    assertThat(home.statusCode()).isEqualTo(303);
    assertThat(home.header("Location")).endsWith("/login?next=%2Fjobs%2Funit%3Fpage%3D1");
    assertThat(given().get("/login").statusCode()).isEqualTo(200);
    // the login page's own style and script load before anyone logs in
    assertThat(given().get("/static/ui.css").statusCode()).isEqualTo(200);
    assertThat(given().get("/static/ui.js").statusCode()).isEqualTo(200);
    assertThat(given().get("/runs/some-run/events").statusCode()).isEqualTo(401);
    assertThat(given().get("/api/v1/runs").statusCode()).isEqualTo(401);

    Map<String, String> alice = UiClient.login("alice");
    assertThat(given().cookies(alice).redirects().follow(false).get("/").statusCode())
        .isEqualTo(200);
    // the session cookie opens pages, never the API: that takes a token
    assertThat(given().cookies(alice).get("/api/v1/runs").statusCode()).isEqualTo(401);
  }
}
