package dev.ciorchestrator.supply.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciorchestrator.artifact.Blobs;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.supply.Digests;
import dev.ciorchestrator.supply.RunFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes a run's artifact set as one OCI artifact, tagged, and its SBOM and provenance as artifacts
 * that refer to it. A registry without the referrers API (distribution 2.8) gets the referrers tag
 * schema instead: an index under {@code sha256-<hex>} of the subject, listing its referrers.
 */
public final class OciPublisher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

  private final OciClient client;

  public OciPublisher(OciClient client) {
    this.client = client;
  }

  /** What was pushed: the artifact set's digest, its tags, and the referrers' digests. */
  public record Published(
      String repository,
      String digest,
      List<String> tags,
      String sbomDigest,
      String provenanceDigest) {}

  /**
   * Pushes everything; blobs the registry has are not sent again, so a retry after a failure redoes
   * only what is missing.
   *
   * @param sbom the SBOM JSON, or null
   * @param provenance the DSSE envelope, or null
   */
  public Published publish(
      String repo,
      RunFacts run,
      List<Manifest.Entry> artifacts,
      Blobs blobs,
      byte[] sbom,
      byte[] provenance,
      List<String> tags)
      throws IOException {
    client.pushBlob(repo, OciMedia.EMPTY_DIGEST, EMPTY_CONFIG);
    List<Manifests.Descriptor> layers = new ArrayList<>();
    for (Manifest.Entry a : artifacts) {
      client.pushBlob(repo, a.digest(), blobs.file(a));
      layers.add(
          new Manifests.Descriptor(
              a.mediaType(), a.digest(), a.size(), Map.of(OciMedia.TITLE, a.path())));
    }
    byte[] manifest = Manifests.artifact(OciMedia.ARTIFACTS, layers, null, annotations(run));
    String digest = "sha256:" + Digests.sha256(manifest);
    for (String tag : tags) {
      client.putManifest(repo, tag, OciMedia.MANIFEST, manifest);
    }
    client.putManifest(repo, digest, OciMedia.MANIFEST, manifest);
    Manifests.Descriptor subject =
        new Manifests.Descriptor(OciMedia.MANIFEST, digest, manifest.length, Map.of());
    String sbomDigest =
        sbom == null
            ? ""
            : refer(repo, subject, OciMedia.SBOM, OciMedia.SBOM, "sbom.cdx.json", sbom, run);
    String provDigest =
        provenance == null
            ? ""
            : refer(
                repo,
                subject,
                OciMedia.DSSE,
                OciMedia.DSSE,
                "provenance.intoto.json",
                provenance,
                run);
    return new Published(repo, digest, List.copyOf(tags), sbomDigest, provDigest);
  }

  private String refer(
      String repo,
      Manifests.Descriptor subject,
      String artifactType,
      String mediaType,
      String title,
      byte[] content,
      RunFacts run)
      throws IOException {
    String blob = "sha256:" + Digests.sha256(content);
    client.pushBlob(repo, blob, content);
    Map<String, String> notes = annotations(run);
    byte[] manifest =
        Manifests.artifact(
            artifactType,
            List.of(
                new Manifests.Descriptor(
                    mediaType, blob, content.length, Map.of(OciMedia.TITLE, title))),
            subject,
            notes);
    String digest = "sha256:" + Digests.sha256(manifest);
    client.putManifest(repo, digest, OciMedia.MANIFEST, manifest);
    if (client.referrers(repo, subject.digest()).isEmpty()) {
      addToReferrersTag(
          repo,
          subject.digest(),
          Manifests.referrer(
              new Manifests.Descriptor(OciMedia.MANIFEST, digest, manifest.length, notes),
              artifactType));
    }
    return digest;
  }

  /** The referrers tag schema (distribution-spec v1.1 §"Referrers Tag Schema"). */
  private void addToReferrersTag(String repo, String subjectDigest, ObjectNode entry)
      throws IOException {
    String tag = OciRefs.referrersTag(subjectDigest);
    List<ObjectNode> entries = new ArrayList<>();
    Optional<OciClient.Fetched> existing = client.manifest(repo, tag);
    if (existing.isPresent()) {
      for (JsonNode m : JSON.readTree(existing.get().body()).path("manifests")) {
        if (m.isObject() && !m.path("digest").asText().equals(entry.path("digest").asText())) {
          entries.add((ObjectNode) m);
        }
      }
    }
    entries.add(entry);
    client.putManifest(repo, tag, OciMedia.INDEX, Manifests.index(entries));
  }

  private static Map<String, String> annotations(RunFacts run) {
    Map<String, String> a = new LinkedHashMap<>();
    if (!run.sourceUri().isEmpty()) {
      a.put("org.opencontainers.image.source", run.sourceUri());
    }
    a.put("org.opencontainers.image.revision", run.headSha());
    if (run.finishedOn() != null) {
      a.put("org.opencontainers.image.created", run.finishedOn().toString());
    }
    a.put("dev.ci-orchestrator.repository", run.repo());
    a.put("dev.ci-orchestrator.run", run.runId());
    a.put("dev.ci-orchestrator.job", run.job());
    return a;
  }
}
