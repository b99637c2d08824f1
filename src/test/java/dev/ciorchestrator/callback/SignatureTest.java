package dev.ciorchestrator.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SignatureTest {
  /** RFC 4231-style known answer: HMAC-SHA256("key", "The quick brown fox ..."). */
  @Test
  void matchesAFixedVector() {
    byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    assertThat(Signature.of("key", body))
        .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  /** The test vector of docs/reports.md, so a receiver can check its code against ours. */
  @Test
  void matchesTheDocumentedVector() throws Exception {
    String signature = "sha256=8c9c4da9a8c12b84b9b4071d607f7d66c87a3751e0f75c6964ce8fde1397f49e";
    byte[] body = "{\"event\":\"run\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(Signature.of("It's a Secret to Everybody", body)).isEqualTo(signature);
    assertThat(Files.readString(Path.of("docs/reports.md")))
        .contains("It's a Secret to Everybody")
        .contains("{\"event\":\"run\"}")
        .contains(signature);
  }

  @Test
  void verifiesOnlyTheExactBodyAndSecret() {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    String header = Signature.of("k", body);
    assertThat(Signature.verify("k", body, header)).isTrue();
    assertThat(Signature.verify("k2", body, header)).isFalse();
    assertThat(Signature.verify("k", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), header))
        .isFalse();
    assertThat(Signature.verify("k", body, header.toUpperCase(java.util.Locale.ROOT))).isFalse();
    assertThat(Signature.verify("k", body, null)).isFalse();
  }
}
