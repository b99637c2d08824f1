package dev.ciorchestrator.forge.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GitHub's signature, checked against the known vector of ../shared/fixtures/SOURCES.md. */
class WebhookSignatureTest {
  static final String SECRET = "It's a Secret to Everybody";
  static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  static final String VECTOR =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void signsTheKnownVector() {
    assertThat(WebhookSignature.sign(SECRET, BODY)).isEqualTo(VECTOR);
  }

  @Test
  void theKnownVectorMatchesItsSecretOnly() {
    byte[] digest = WebhookSignature.digest(VECTOR).orElseThrow();
    byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSignature.matches(secret, BODY, digest)).isTrue();
    assertThat(WebhookSignature.matches("it's a secret".getBytes(), BODY, digest)).isFalse();
    assertThat(WebhookSignature.matches(secret, "Hello, World!\n".getBytes(), digest)).isFalse();
  }

  @Test
  void upperCaseHexIsTheSameDigest() {
    String upper = "SHA256=" + VECTOR.substring("sha256=".length()).toUpperCase();
    assertThat(WebhookSignature.digest(upper)).hasValueSatisfying(d -> assertThat(d).hasSize(32));
    assertThat(HexFormat.of().formatHex(WebhookSignature.digest(upper).orElseThrow()))
        .isEqualTo(VECTOR.substring(7));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17a",
        "sha256=z57107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
      })
  void anIllFormedHeaderCarriesNoDigest(String header) {
    assertThat(WebhookSignature.digest(header)).isEmpty();
  }

  @Test
  void secretsTellWhichConnectionsSigned() {
    WebhookSecrets secrets =
        new WebhookSecrets(
            List.of(
                new WebhookSecrets.Signer("main", SECRET, "ci-bot[bot]"),
                new WebhookSecrets.Signer("other", "another secret", "ci-bot[bot]"),
                new WebhookSecrets.Signer("twin", SECRET, "twin-bot")));
    byte[] digest = WebhookSignature.digest(VECTOR).orElseThrow();
    assertThat(secrets.signers(BODY, digest)).containsExactly("main", "twin");
    assertThat(secrets.signers("other".getBytes(), digest)).isEmpty();
    assertThat(secrets.isBot(java.util.Set.of("main"), "CI-Bot[bot]")).isTrue();
    assertThat(secrets.isBot(java.util.Set.of("main"), "twin-bot")).isFalse();
  }
}
