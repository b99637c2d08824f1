package dev.ciorchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Without {@code ci.reconcile.public-url}, log links lead to the port the service actually listens
 * on: tests run on a random one ({@code quarkus.http.test-port=0}), not on 8080.
 */
@QuarkusTest
class PublicUrlTest {
  @Inject PublicUrl publicUrl;

  @Test
  void unsetItIsLocalhostOnTheListeningPort() {
    assertThat(RestAssured.port).isNotEqualTo(8080).isPositive();
    assertThat(publicUrl.get()).isEqualTo("http://localhost:" + RestAssured.port);
  }
}
