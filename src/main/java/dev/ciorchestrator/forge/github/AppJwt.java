package dev.ciorchestrator.forge.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON Web Token a GitHub App signs to ask for installation tokens: RS256 over {@code iat} (a
 * minute in the past, for clock drift), {@code exp} (nine minutes on; GitHub allows ten) and {@code
 * iss} (the App id). Only {@code java.security}: a JWT library would be a dependency for twenty
 * lines.
 */
final class AppJwt {
  private static final String PKCS8 = "PRIVATE KEY";
  private static final String PKCS1 = "RSA PRIVATE KEY";
  // AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private AppJwt() {}

  static String sign(long appId, PrivateKey key, Instant now) throws IOException {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(
            String.format(
                    "{\"iat\":%d,\"exp\":%d,\"iss\":\"%d\"}",
                    now.getEpochSecond() - 60, now.getEpochSecond() + 540, appId)
                .getBytes(StandardCharsets.UTF_8));
    String signed = header + "." + payload;
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signed.getBytes(StandardCharsets.UTF_8));
      return signed + "." + b64.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot sign the GitHub App token: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an RSA private key from PEM text, PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code
   * BEGIN RSA PRIVATE KEY}, what GitHub hands out); the latter is wrapped into PKCS#8, the only
   * form the JDK reads.
   *
   * @param source names the key's origin in errors (a file name); the key itself is never shown
   */
  static PrivateKey readPem(String pem, String source) throws IOException {
    String kind;
    if (pem.contains("-----BEGIN " + PKCS1 + "-----")) {
      kind = PKCS1;
    } else if (pem.contains("-----BEGIN " + PKCS8 + "-----")) {
      kind = PKCS8;
    } else {
      throw new IOException(
          source + ": not a PEM private key (expected BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
    }
    int start = pem.indexOf("-----BEGIN " + kind + "-----") + kind.length() + 16;
    int end = pem.indexOf("-----END " + kind + "-----", start);
    if (end < 0) {
      throw new IOException(source + ": the PEM key has no END " + kind + " line");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(start, end));
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": the PEM key is not valid base64", e);
    }
    byte[] pkcs8 = kind.equals(PKCS1) ? wrapPkcs1(der) : der;
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IOException(source + ": not a readable RSA private key (" + kind + ")", e);
    }
  }

  /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { the PKCS#1 key } }. */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.writeBytes(der(0x04, pkcs1));
    return der(0x30, body.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((n >>> (8 * i)) & 0xff);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
