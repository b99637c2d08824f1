package dev.ciorchestrator.supply.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.supply.Digests;
import dev.ciorchestrator.supply.sign.VerificationException;
import java.io.IOException;

/**
 * The SBOM belongs to the provenance (its digest is the provenance's byproduct) and lists the
 * artifact (a component with the artifact's SHA-256).
 */
public final class SbomLink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SbomLink() {}

  public static void check(
      Statement statement, byte[] sbom, String sbomSource, String artifactSha256) {
    String digest = Digests.sha256(sbom);
    if (statement.sbomSha256().isEmpty()) {
      throw new VerificationException(sbomSource + ": the provenance names no SBOM");
    }
    if (!statement.sbomSha256().equals(digest)) {
      throw new VerificationException(
          sbomSource
              + ": sha256 "
              + digest
              + " is not the SBOM the provenance names ("
              + statement.sbomSha256()
              + ")");
    }
    JsonNode root;
    try {
      root = JSON.readTree(sbom);
    } catch (IOException e) {
      throw new VerificationException(sbomSource + ": not JSON");
    }
    for (JsonNode c : root.path("components")) {
      for (JsonNode h : c.path("hashes")) {
        if (h.path("alg").asText().equals("SHA-256")
            && h.path("content").asText().equals(artifactSha256)) {
          return;
        }
      }
    }
    throw new VerificationException(
        sbomSource + ": lists no component with sha256 " + artifactSha256);
  }
}
