package dev.ciorchestrator.supply.sign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * minisign's formats (jedisct1.github.io/minisign), so that {@code minisign -Vm <file> -P <key>}
 * verifies an artifact with nothing of ours. A signature file is four lines: an untrusted comment,
 * base64({@code "ED"} | key id | Ed25519 over BLAKE2b-512 of the file), the trusted comment, and
 * base64(Ed25519 over that signature | the trusted comment text). A public key is base64({@code
 * "Ed"} | key id | the 32 raw key bytes).
 */
public final class Minisign {
  private static final byte[] PREHASHED = {'E', 'D'};
  private static final byte[] KEY_ALGORITHM = {'E', 'd'};
  private static final String TRUSTED = "trusted comment: ";

  private Minisign() {}

  /** The public key as {@code minisign -P} takes it. */
  public static String publicKey(PublicKey key) {
    return Base64.getEncoder()
        .encodeToString(concat(KEY_ALGORITHM, Verifier.keyId(key), Verifier.raw(key)));
  }

  /** The content of a {@code minisign.pub} file. */
  public static String publicKeyFile(PublicKey key) {
    return "untrusted comment: ci-orchestrator public key "
        + keyIdHex(key)
        + "\n"
        + publicKey(key)
        + "\n";
  }

  /** The content of {@code <file>.minisig}; {@code trustedComment} is one line, signed too. */
  public static String sign(SigningKey key, Path file, String trustedComment) throws IOException {
    String comment = trustedComment.replaceAll("[\r\n]", " ");
    byte[] signature = key.sign(prehash(file));
    byte[] global = key.sign(concat(signature, comment.getBytes(StandardCharsets.UTF_8)));
    Base64.Encoder b64 = Base64.getEncoder();
    return "untrusted comment: signature from ci-orchestrator key "
        + keyIdHex(key.publicKey())
        + "\n"
        + b64.encodeToString(concat(PREHASHED, key.keyId(), signature))
        + "\n"
        + TRUSTED
        + comment
        + "\n"
        + b64.encodeToString(global)
        + "\n";
  }

  /**
   * Checks a signature file as {@code minisign -V} does.
   *
   * @return the trusted comment
   * @throws VerificationException saying which part does not hold
   */
  public static String verify(PublicKey key, Path file, String signatureText, String source)
      throws IOException {
    String[] lines = signatureText.split("\n");
    if (lines.length < 4 || !lines[2].startsWith(TRUSTED)) {
      throw new VerificationException(source + ": not a minisign signature (4 lines expected)");
    }
    byte[] blob = decode(lines[1], source);
    if (blob.length != 74 || !Arrays.equals(Arrays.copyOf(blob, 2), PREHASHED)) {
      throw new VerificationException(source + ": not a prehashed (ED) minisign signature");
    }
    if (!Arrays.equals(Arrays.copyOfRange(blob, 2, 10), Verifier.keyId(key))) {
      throw new VerificationException(
          source
              + ": signed by key "
              + HexFormat.of().formatHex(blob, 2, 10)
              + ", not by "
              + keyIdHex(key));
    }
    byte[] signature = Arrays.copyOfRange(blob, 10, 74);
    if (!Verifier.verify(key, prehash(file), signature)) {
      throw new VerificationException(file + ": content does not match its signature " + source);
    }
    String comment = lines[2].substring(TRUSTED.length());
    byte[] global = decode(lines[3], source);
    if (!Verifier.verify(
        key, concat(signature, comment.getBytes(StandardCharsets.UTF_8)), global)) {
      throw new VerificationException(source + ": the trusted comment was altered");
    }
    return comment;
  }

  static byte[] prehash(Path file) throws IOException {
    Blake2b hash = new Blake2b();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        hash.update(buffer, 0, n);
      }
    }
    return hash.digest();
  }

  private static String keyIdHex(PublicKey key) {
    byte[] id = Verifier.keyId(key);
    byte[] reversed = new byte[id.length];
    for (int i = 0; i < id.length; i++) {
      reversed[i] = id[id.length - 1 - i];
    }
    // minisign prints the id as a little-endian 64-bit number
    return HexFormat.of().withUpperCase().formatHex(reversed);
  }

  private static byte[] decode(String line, String source) {
    try {
      return Base64.getDecoder().decode(line.trim());
    } catch (IllegalArgumentException e) {
      throw new VerificationException(source + ": a signature line is not base64");
    }
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
