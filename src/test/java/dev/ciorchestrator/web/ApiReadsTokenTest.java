package dev.ciorchestrator.web;

import static dev.ciorchestrator.testing.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With {@code ci.api.reads=token}, reading the API needs a token too; probes stay open. */
@QuarkusTest
@TestProfile(ApiReadsTokenTest.TokenReads.class)
class ApiReadsTokenTest {
  public static class TokenReads implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ci.api.reads", "token");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/config",
        "/api/v1/runs",
        "/api/v1/reconcile",
        "/api/v1/repos/a/b/changes"
      })
  void aReadNeedsAToken(String path) {
    given()
        .get(path)
        .then()
        .statusCode(401)
        .body("field", is("Authorization"))
        .body("error", startsWith("this request needs a user's token"));
    int status = as("dave").get(path).then().extract().statusCode();
    org.assertj.core.api.Assertions.assertThat(status).as(path).isNotEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/q/health/live", "/q/health/ready", "/q/metrics"})
  void healthAndMetricsStayOpen(String path) {
    int status = given().get(path).then().extract().statusCode();
    org.assertj.core.api.Assertions.assertThat(status).as(path).isNotEqualTo(401);
  }
}
