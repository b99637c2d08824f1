package dev.ciorchestrator.supply.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** OCI image manifests and indexes as image-spec v1.1 writes artifacts. */
final class Manifests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Manifests() {}

  /** A blob or manifest reference. */
  record Descriptor(String mediaType, String digest, long size, Map<String, String> annotations) {}

  /**
   * An artifact manifest: the empty config, one layer per file, and (for an SBOM or provenance) the
   * manifest it describes as {@code subject}.
   */
  static byte[] artifact(
      String artifactType,
      List<Descriptor> layers,
      Descriptor subject,
      Map<String, String> annotations) {
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", OciMedia.MANIFEST);
    m.put("artifactType", artifactType);
    m.putObject("config")
        .put("mediaType", OciMedia.EMPTY)
        .put("digest", OciMedia.EMPTY_DIGEST)
        .put("size", 2)
        .put("data", "e30=");
    ArrayNode array = m.putArray("layers");
    layers.forEach(l -> descriptor(array.addObject(), l));
    if (subject != null) {
      descriptor(m.putObject("subject"), subject);
    }
    if (!annotations.isEmpty()) {
      annotations.forEach(m.putObject("annotations")::put);
    }
    return bytes(m);
  }

  /** An index listing {@code manifests}: the referrers tag schema's content. */
  static byte[] index(List<ObjectNode> manifests) {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", OciMedia.INDEX);
    index.putArray("manifests").addAll(manifests);
    return bytes(index);
  }

  /** A referrer's entry in an index: descriptor plus its artifact type and annotations. */
  static ObjectNode referrer(Descriptor manifest, String artifactType) {
    ObjectNode node = descriptor(JSON.createObjectNode(), manifest);
    node.put("artifactType", artifactType);
    return node;
  }

  private static ObjectNode descriptor(ObjectNode node, Descriptor d) {
    node.put("mediaType", d.mediaType()).put("digest", d.digest()).put("size", d.size());
    if (!d.annotations().isEmpty()) {
      d.annotations().forEach(node.putObject("annotations")::put);
    }
    return node;
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
