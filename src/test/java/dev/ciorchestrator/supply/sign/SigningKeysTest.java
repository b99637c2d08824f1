package dev.ciorchestrator.supply.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.testing.RequiredTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
  @TempDir Path dir;

  @Test
  void aGeneratedKeyIsOwnerOnlyAndTheSameOnTheNextStart() throws Exception {
    Path folder = dir.resolve("state/signing");
    SigningKey first = SigningKeys.load(Optional.empty(), folder);
    Path file = folder.resolve(SigningKeys.GENERATED);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
    assertThat(SigningKeys.load(Optional.empty(), folder).publicPem()).isEqualTo(first.publicPem());
  }

  @Test
  void aGeneratedKeyOthersCanReadIsRefused() throws Exception {
    Path folder = dir.resolve("signing");
    SigningKeys.load(Optional.empty(), folder);
    Path file = folder.resolve(SigningKeys.GENERATED);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> SigningKeys.load(Optional.empty(), folder))
        .isInstanceOf(BadKeyException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("readable by others");
  }

  @Test
  void anOpensslKeyGetsThePublicKeyOpensslDerives() throws Exception {
    Path openssl = RequiredTools.require("openssl", "Debian package openssl: makes a key to load");
    Path key = dir.resolve("secret.pem");
    run(openssl.toString(), "genpkey", "-algorithm", "ed25519", "-out", key.toString());
    Path pub = dir.resolve("pub.pem");
    run(openssl.toString(), "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());

    SigningKey loaded = SigningKeys.load(Optional.of(key), dir.resolve("unused"));

    assertThat(loaded.publicPem().strip()).isEqualTo(Files.readString(pub).strip());
    assertThat(Files.exists(dir.resolve("unused"))).isFalse();
  }

  @Test
  void aBrokenKeyFileIsNamed() throws Exception {
    Path key = dir.resolve("secret.pem");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> SigningKeys.load(Optional.of(key), dir))
        .isInstanceOf(BadKeyException.class)
        .hasMessageStartingWith(key + ": not an Ed25519 private key");
    assertThatThrownBy(() -> SigningKeys.load(Optional.of(dir.resolve("nope.pem")), dir))
        .hasMessageContaining("nope.pem: no such key file (ci.signing.key-file)");
  }

  @Test
  void blake2bMatchesRfc7693() {
    Blake2b hash = new Blake2b();
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    hash.update(abc, 0, abc.length);
    assertThat(HexFormat.of().formatHex(hash.digest()))
        .isEqualTo(
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
  }

  static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
  }
}
