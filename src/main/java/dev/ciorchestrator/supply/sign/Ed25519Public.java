package dev.ciorchestrator.supply.sign;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Derives an Ed25519 public key from its 32-byte seed (RFC 8032 §5.1.5). The JDK signs with a
 * private key but offers no way to get its public half, and a key from a Kubernetes Secret ({@code
 * openssl genpkey -algorithm ed25519}) is only the private key. Runs once per key load, so plain
 * {@link BigInteger} affine arithmetic is fast enough; {@link SigningKeys} checks the result by
 * verifying a signature with it.
 */
final class Ed25519Public {
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger[] BASE = {
    new BigInteger("15112221349535400772501151409588531511454012693041857206046113283949847762202"),
    new BigInteger("46316835694926478169428394003475163141307993866256225615783033603165251855960")
  };

  private Ed25519Public() {}

  /** The 32-byte encoded public key of {@code seed}. */
  static byte[] fromSeed(byte[] seed) {
    byte[] h;
    try {
      h = MessageDigest.getInstance("SHA-512").digest(seed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    h[0] &= (byte) 248;
    h[31] &= 127;
    h[31] |= 64;
    return encode(multiply(littleEndian(h, 32), BASE));
  }

  private static BigInteger[] multiply(BigInteger scalar, BigInteger[] point) {
    BigInteger[] result = {BigInteger.ZERO, BigInteger.ONE};
    BigInteger[] addend = point;
    for (int bit = 0; bit < scalar.bitLength(); bit++) {
      if (scalar.testBit(bit)) {
        result = add(result, addend);
      }
      addend = add(addend, addend);
    }
    return result;
  }

  /** Twisted Edwards addition with a = -1, complete for every pair of points. */
  private static BigInteger[] add(BigInteger[] a, BigInteger[] b) {
    BigInteger xx = a[0].multiply(b[0]).mod(P);
    BigInteger yy = a[1].multiply(b[1]).mod(P);
    BigInteger dxy = D.multiply(xx).multiply(yy).mod(P);
    BigInteger x = a[0].multiply(b[1]).add(a[1].multiply(b[0]));
    BigInteger x3 = x.multiply(BigInteger.ONE.add(dxy).modInverse(P)).mod(P);
    BigInteger y3 = yy.add(xx).multiply(BigInteger.ONE.subtract(dxy).mod(P).modInverse(P)).mod(P);
    return new BigInteger[] {x3, y3};
  }

  private static byte[] encode(BigInteger[] point) {
    byte[] out = new byte[32];
    byte[] y = point[1].toByteArray();
    for (int i = 0; i < y.length && i < 32; i++) {
      out[i] = y[y.length - 1 - i];
    }
    if (point[0].testBit(0)) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  private static BigInteger littleEndian(byte[] bytes, int length) {
    byte[] big = new byte[length];
    for (int i = 0; i < length; i++) {
      big[i] = bytes[length - 1 - i];
    }
    return new BigInteger(1, big);
  }
}
