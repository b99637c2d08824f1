package dev.ciorchestrator.supply.sign;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Ed25519 public-key helpers shared by signing and {@code verify}. */
public final class Verifier {
  /** The X.509 SubjectPublicKeyInfo prefix of every Ed25519 public key (RFC 8410). */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private Verifier() {}

  /** Whether {@code signature} is {@code key}'s pure Ed25519 signature of {@code message}. */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature check = Signature.getInstance("Ed25519");
      check.initVerify(key);
      check.update(message);
      return check.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The 32 raw bytes of an Ed25519 public key. */
  public static byte[] raw(PublicKey key) {
    byte[] der = key.getEncoded();
    return Arrays.copyOfRange(der, der.length - 32, der.length);
  }

  /** An Ed25519 public key from its 32 raw bytes. */
  public static PublicKey fromRaw(byte[] raw) {
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new BadKeyException("not an Ed25519 public key: " + e.getMessage());
    }
  }

  /** The public key of an Ed25519 seed. */
  static PublicKey publicOf(byte[] seed) {
    return fromRaw(Ed25519Public.fromSeed(seed));
  }

  /** The minisign key id of {@code key}: the first 8 bytes of its SHA-256. */
  public static byte[] keyId(PublicKey key) {
    return SigningKey.first(SigningKey.sha256(raw(key)), 8);
  }
}
