package dev.ciorchestrator.supply.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.testing.RequiredTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our signatures verify with tools that share no code with us: openssl and minisign. */
class InteropTest {
  @TempDir Path dir;
  private final SigningKey key = SigningKey.generate();

  @Test
  void opensslVerifiesTheDssePae() throws Exception {
    Path openssl =
        RequiredTools.require("openssl", "Debian package openssl: checks DSSE signatures");
    byte[] payload =
        "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] envelope = Dsse.sign(key, Dsse.IN_TOTO, payload);
    String sig =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(envelope)
            .path("signatures")
            .get(0)
            .path("sig")
            .asText();
    Path pae = Files.write(dir.resolve("pae"), Dsse.pae(Dsse.IN_TOTO, payload));
    Path sigFile = Files.write(dir.resolve("sig"), Base64.getDecoder().decode(sig));
    Path pub = Files.writeString(dir.resolve("pub.pem"), key.publicPem());

    assertThat(new String(Dsse.pae(Dsse.IN_TOTO, payload), StandardCharsets.UTF_8))
        .startsWith("DSSEv1 28 application/vnd.in-toto+json " + payload.length + " {");
    List<String> verify =
        List.of(
            openssl.toString(),
            "pkeyutl",
            "-verify",
            "-rawin",
            "-pubin",
            "-inkey",
            pub.toString(),
            "-in",
            pae.toString(),
            "-sigfile",
            sigFile.toString());
    assertThat(exit(verify)).isZero();

    Files.write(pae, Dsse.pae(Dsse.IN_TOTO, "{}".getBytes(StandardCharsets.UTF_8)));
    assertThat(exit(verify)).as("another payload must not verify").isNotZero();
  }

  @Test
  void minisignVerifiesAnArtifactSignature() throws Exception {
    Path minisign =
        RequiredTools.require("minisign", "Debian package minisign: checks artifact signatures");
    Path file = dir.resolve("hello");
    byte[] content = new byte[300_001]; // several BLAKE2b blocks and a partial one
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    Files.write(file, content);
    Files.writeString(dir.resolve("hello.minisig"), Minisign.sign(key, file, "run r1 file hello"));
    String pub = Minisign.publicKey(key.publicKey());

    List<String> verify = List.of(minisign.toString(), "-Vm", file.toString(), "-P", pub);
    assertThat(exit(verify)).isZero();
    assertThat(
            Minisign.verify(
                key.publicKey(), file, Files.readString(dir.resolve("hello.minisig")), "sig"))
        .isEqualTo("run r1 file hello");

    content[0] ^= 1;
    Files.write(file, content);
    assertThat(exit(verify)).as("a tampered file must not verify").isNotZero();
    assertThatThrownBy(
            () ->
                Minisign.verify(
                    key.publicKey(), file, Files.readString(dir.resolve("hello.minisig")), "sig"))
        .hasMessageContaining("content does not match its signature");
  }

  @Test
  void aDsseEnvelopeOpensOnlyWithItsKey() {
    byte[] envelope = Dsse.sign(key, Dsse.IN_TOTO, "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(Dsse.open(envelope, key.publicKey(), "p.json").payload()).containsExactly('{', '}');
    assertThatThrownBy(() -> Dsse.open(envelope, SigningKey.generate().publicKey(), "p.json"))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith("p.json: no signature verifies with the given key");
  }

  private static int exit(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor();
  }
}
