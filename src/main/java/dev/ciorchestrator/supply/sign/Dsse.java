package dev.ciorchestrator.supply.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * DSSE envelopes (github.com/secure-systems-lab/dsse, protocol v1): the signature covers the
 * pre-authentication encoding {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}, so a
 * verifier never parses the payload before checking it.
 */
public final class Dsse {
  /** The payload type of in-toto statements. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Dsse() {}

  /** The pre-authentication encoding that is signed. */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** The envelope JSON of {@code payload}, signed by {@code key}; keyid is the key's hex id. */
  public static byte[] sign(SigningKey key, String payloadType, byte[] payload) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("payloadType", payloadType);
    envelope.put("payload", Base64.getEncoder().encodeToString(payload));
    ObjectNode signature = envelope.putArray("signatures").addObject();
    signature.put("keyid", HexFormat.of().formatHex(key.keyId()));
    signature.put("sig", Base64.getEncoder().encodeToString(key.sign(pae(payloadType, payload))));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(envelope);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens an envelope: its payload if one of its signatures verifies with {@code key}.
   *
   * @throws VerificationException saying what is wrong: not an envelope, or no valid signature
   */
  public static Opened open(byte[] envelopeJson, PublicKey key, String source) {
    JsonNode envelope;
    try {
      envelope = JSON.readTree(envelopeJson);
    } catch (java.io.IOException e) {
      throw new VerificationException(source + ": not JSON (" + e.getMessage() + ")");
    }
    String type = text(envelope, "payloadType", source);
    byte[] payload = base64(text(envelope, "payload", source), source + ": payload");
    JsonNode signatures = envelope.path("signatures");
    if (!signatures.isArray() || signatures.isEmpty()) {
      throw new VerificationException(source + ": the envelope has no signatures");
    }
    byte[] pae = pae(type, payload);
    for (JsonNode signature : signatures) {
      byte[] sig = base64(signature.path("sig").asText(""), source + ": signatures[].sig");
      if (Verifier.verify(key, pae, sig)) {
        return new Opened(type, payload);
      }
    }
    throw new VerificationException(
        source
            + ": no signature verifies with the given key (key id "
            + HexFormat.of().formatHex(Verifier.keyId(key))
            + "; the envelope was signed by "
            + signatures.findValuesAsText("keyid")
            + ")");
  }

  /** A verified payload. */
  public record Opened(String payloadType, byte[] payload) {}

  private static String text(JsonNode node, String field, String source) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new VerificationException(source + ": not a DSSE envelope (no '" + field + "')");
    }
    return value.asText();
  }

  private static byte[] base64(String text, String where) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new VerificationException(where + " is not base64");
    }
  }
}
