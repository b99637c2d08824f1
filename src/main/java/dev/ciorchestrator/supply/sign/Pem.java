package dev.ciorchestrator.supply.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys as PEM: {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) and {@code PRIVATE KEY}
 * (PKCS#8), the forms {@code openssl pkey} reads and writes.
 */
public final class Pem {
  private static final String PUBLIC = "PUBLIC KEY";
  private static final String PRIVATE = "PRIVATE KEY";

  private Pem() {}

  public static String publicKey(PublicKey key) {
    return encode(PUBLIC, key.getEncoded());
  }

  public static String privateKey(PrivateKey key) {
    return encode(PRIVATE, key.getEncoded());
  }

  /**
   * Reads an Ed25519 public key.
   *
   * @throws BadKeyException naming {@code source} when the text is no Ed25519 public key
   */
  public static PublicKey readPublic(String pem, String source) {
    byte[] der = decode(pem, PUBLIC, source);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new BadKeyException(source + ": not an Ed25519 public key (" + e.getMessage() + ")");
    }
  }

  /** Reads an Ed25519 private key (PKCS#8). */
  public static PrivateKey readPrivate(String pem, String source) {
    byte[] der = decode(pem, PRIVATE, source);
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new BadKeyException(source + ": not an Ed25519 private key (" + e.getMessage() + ")");
    }
  }

  private static String encode(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static byte[] decode(String pem, String label, String source) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new BadKeyException(source + ": no '" + begin + "' block");
    }
    String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new BadKeyException(source + ": the " + label + " block is not base64");
    }
  }
}
