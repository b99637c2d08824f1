package dev.ciorchestrator.supply.sign;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/** The controller's Ed25519 key pair: signs DSSE envelopes and minisign signatures. */
public final class SigningKey {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  public SigningKey(KeyPair pair) {
    this.privateKey = pair.getPrivate();
    this.publicKey = pair.getPublic();
  }

  /** A fresh key pair. */
  public static SigningKey generate() {
    try {
      return new SigningKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /** The pair of a PKCS#8 private key: Ed25519 derives the public half from the private one. */
  public static SigningKey fromPrivate(PrivateKey key) {
    try {
      byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow();
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      PrivateKey again =
          factory.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
      return new SigningKey(new KeyPair(Verifier.publicOf(seed), again));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new BadKeyException("not an Ed25519 private key: " + e.getMessage());
    }
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The public key as PEM ({@code GET /api/v1/signing/public-key}). */
  public String publicPem() {
    return Pem.publicKey(publicKey);
  }

  /** The 32 raw bytes of the public key (the end of its X.509 encoding). */
  public byte[] rawPublicKey() {
    return Verifier.raw(publicKey);
  }

  /**
   * The minisign key id: the first 8 bytes of the public key's SHA-256, so one key always has the
   * same id and a rotated key a different one.
   */
  public byte[] keyId() {
    return Verifier.keyId(publicKey);
  }

  /** A pure Ed25519 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] first(byte[] data, int n) {
    return Arrays.copyOf(data, n);
  }
}
