package dev.ciorchestrator.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.supply.sign.Minisign;
import dev.ciorchestrator.supply.sign.Pem;
import dev.ciorchestrator.supply.sign.SigningKey;
import dev.ciorchestrator.supply.sign.Verifier;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The controller's public key, served for verifiers; the private half never leaves. */
@QuarkusTest
class SigningResourceTest {
  @Inject SigningKey key;

  @Test
  void thePublicKeyVerifiesWhatTheControllerSigns() {
    String pem =
        given()
            .get("/api/v1/signing/public-key")
            .then()
            .statusCode(200)
            .contentType("application/x-pem-file")
            .extract()
            .asString();

    byte[] message = "provenance".getBytes(StandardCharsets.UTF_8);
    assertThat(Verifier.verify(Pem.readPublic(pem, "response"), message, key.sign(message)))
        .isTrue();
    assertThat(pem).doesNotContain("PRIVATE");
    assertThat(
            given().get("/api/v1/signing/minisign.pub").then().statusCode(200).extract().asString())
        .contains(Minisign.publicKey(key.publicKey()));
  }

  @Test
  void itIsOneKeyForTheWholeService() {
    assertThat(key).isNotNull();
    assertThat(key.publicPem()).isEqualTo(SigningKey.fromPrivate(key.privateKey()).publicPem());
  }
}
