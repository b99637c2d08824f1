package dev.ciorchestrator.supply.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.supply.provenance.Provenance;
import dev.ciorchestrator.supply.sign.VerificationException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verified provenance statement, read: its subjects and the facts {@code verify} prints. Only
 * built from a payload whose signature was already checked.
 *
 * @param subjects subject name to sha256 hex
 * @param sbomSha256 the SBOM byproduct's digest, empty if none was made
 */
public record Statement(
    Map<String, String> subjects,
    JsonNode params,
    String builderId,
    String invocationId,
    String sbomSha256) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads an in-toto Statement v1 with the SLSA v1 predicate, or says what it is not. */
  public static Statement read(byte[] payload, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      throw new VerificationException(source + ": the signed payload is not JSON");
    }
    if (!Provenance.STATEMENT_TYPE.equals(root.path("_type").asText())) {
      throw new VerificationException(
          source + ": not an in-toto Statement v1 (_type " + root.path("_type") + ")");
    }
    if (!Provenance.PREDICATE_TYPE.equals(root.path("predicateType").asText())) {
      throw new VerificationException(
          source + ": not SLSA v1 provenance (predicateType " + root.path("predicateType") + ")");
    }
    Map<String, String> subjects = new LinkedHashMap<>();
    for (JsonNode s : root.path("subject")) {
      subjects.put(s.path("name").asText(), s.at("/digest/sha256").asText());
    }
    JsonNode predicate = root.path("predicate");
    String sbom = "";
    for (JsonNode b : predicate.at("/runDetails/byproducts")) {
      if (b.path("mediaType").asText().startsWith("application/vnd.cyclonedx")) {
        sbom = b.at("/digest/sha256").asText();
      }
    }
    return new Statement(
        Map.copyOf(subjects),
        predicate.at("/buildDefinition/externalParameters"),
        predicate.at("/runDetails/builder/id").asText(),
        predicate.at("/runDetails/metadata/invocationId").asText(),
        sbom);
  }

  /**
   * Checks that {@code name}'s bytes, with digest {@code sha256}, are what the run built.
   *
   * @throws VerificationException naming the file, its digest and what the provenance says
   */
  public void requireSubject(String name, String sha256, String source) {
    String expected = subjects.get(name);
    if (expected == null) {
      // downloaded without its folder: bin/hello arrives as hello
      expected =
          subjects.entrySet().stream()
              .filter(s -> s.getKey().endsWith("/" + name))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
    }
    if (expected != null && expected.equals(sha256)) {
      return;
    }
    for (Map.Entry<String, String> s : subjects.entrySet()) {
      if (s.getValue().equals(sha256)) {
        return; // the same bytes, downloaded under another name
      }
    }
    if (expected != null) {
      throw new VerificationException(
          name
              + ": sha256 "
              + sha256
              + " does not match "
              + source
              + ", which says "
              + expected
              + ": the file was changed after the run built it");
    }
    throw new VerificationException(
        name
            + ": sha256 "
            + sha256
            + " is not a subject of "
            + source
            + " (it names "
            + subjects.keySet()
            + "): this provenance is about other artifacts");
  }

  /** Who built it, from what: the lines {@code verify} prints. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("  built by   ")
        .append(builderId)
        .append(", run ")
        .append(invocationId)
        .append('\n');
    out.append("  source     ").append(params.path("repository").asText());
    if (params.has("change")) {
      out.append(" change ").append(params.path("change").asText());
    } else {
      out.append(' ').append(params.path("ref").asText());
    }
    out.append(" at ").append(params.path("headSha").asText());
    if (!params.path("baseSha").asText().isEmpty()) {
      out.append(" (base ").append(params.path("baseSha").asText()).append(')');
    }
    out.append('\n');
    out.append("  job        ")
        .append(params.path("job").asText())
        .append(", trigger ")
        .append(params.path("trigger").asText())
        .append(", caused by ")
        .append(params.path("causedBy").asText())
        .append('\n');
    out.append("  config     ").append(params.path("configRevision").asText()).append('\n');
    return out.toString();
  }
}
