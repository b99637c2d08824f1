package dev.ciorchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.supply.oci.OciClient;
import dev.ciorchestrator.supply.oci.OciMedia;
import dev.ciorchestrator.supply.oci.OciRefs;
import dev.ciorchestrator.supply.sign.Dsse;
import dev.ciorchestrator.supply.sign.VerificationException;
import dev.ciorchestrator.supply.verify.SbomLink;
import dev.ciorchestrator.supply.verify.Statement;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.PublicKey;
import java.util.Optional;

/**
 * Verifies a published artifact set: its manifest, and its provenance and SBOM found through the
 * referrers API or the {@code sha256-<hex>} tag. Every layer must be a subject of the signed
 * provenance; the SBOM referrer must be the one the provenance names and list every layer.
 */
final class VerifyOci {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VerifyOci() {}

  static int run(OciReference ref, PublicKey key, VerifyOptions options, PrintStream out)
      throws IOException {
    URI base = URI.create((options.insecure() ? "http://" : "https://") + ref.host());
    OciClient client = new OciClient(base, HttpClient.newHttpClient(), Optional.empty());
    OciClient.Fetched manifest =
        client
            .manifest(ref.repository(), ref.reference())
            .orElseThrow(
                () ->
                    new VerifyCommand.Unreadable(
                        ref.host()
                            + "/"
                            + ref.repository()
                            + ":"
                            + ref.reference()
                            + ": no such manifest"));
    String digest = "sha256:" + dev.ciorchestrator.supply.Digests.sha256(manifest.body());
    JsonNode referrers = referrers(client, ref.repository(), digest);
    String where = ref.repository() + "@" + digest;
    byte[] envelope =
        layerOf(client, ref.repository(), referrers, OciMedia.DSSE)
            .orElseThrow(() -> new VerificationException(where + ": has no provenance referrer"));
    Statement statement =
        Statement.read(
            Dsse.open(envelope, key, where + " provenance").payload(), where + " provenance");
    Optional<byte[]> sbom = layerOf(client, ref.repository(), referrers, OciMedia.SBOM);
    out.println("ok: " + ref.host() + "/" + where);
    for (JsonNode layer : JSON.readTree(manifest.body()).path("layers")) {
      String name = layer.at("/annotations/" + OciMedia.TITLE.replace("/", "~1")).asText();
      String sha256 = layer.path("digest").asText().replaceFirst("^sha256:", "");
      statement.requireSubject(name, sha256, where + " provenance");
      if (sbom.isPresent()) {
        SbomLink.check(statement, sbom.get(), where + " SBOM", sha256);
      }
      out.println("  artifact   " + name + " sha256:" + sha256);
    }
    out.println(
        "  signature  provenance signed by the given key"
            + (sbom.isPresent() ? "; SBOM linked" : ""));
    out.print(statement.describe());
    return Cli.OK;
  }

  private static JsonNode referrers(OciClient client, String repo, String digest)
      throws IOException {
    Optional<OciClient.Fetched> index = client.referrers(repo, digest);
    if (index.isEmpty()) {
      index = client.manifest(repo, OciRefs.referrersTag(digest));
    }
    return index.isPresent()
        ? JSON.readTree(index.get().body()).path("manifests")
        : JSON.createArrayNode();
  }

  private static Optional<byte[]> layerOf(
      OciClient client, String repo, JsonNode referrers, String artifactType) throws IOException {
    for (JsonNode r : referrers) {
      if (artifactType.equals(r.path("artifactType").asText())) {
        Optional<OciClient.Fetched> m = client.manifest(repo, r.path("digest").asText());
        if (m.isPresent()) {
          String blob = JSON.readTree(m.get().body()).at("/layers/0/digest").asText();
          Optional<OciClient.Fetched> content = client.blob(repo, blob);
          if (content.isPresent()) {
            return Optional.of(content.get().body());
          }
        }
      }
    }
    return Optional.empty();
  }
}
