package dev.ciorchestrator.supply.chain;

import dev.ciorchestrator.artifact.Blobs;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.supply.Digests;
import dev.ciorchestrator.supply.RunFacts;
import dev.ciorchestrator.supply.provenance.Provenance;
import dev.ciorchestrator.supply.sbom.Sbom;
import dev.ciorchestrator.supply.sign.Dsse;
import dev.ciorchestrator.supply.sign.Minisign;
import dev.ciorchestrator.supply.sign.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes what a run's collected artifacts carry out of the controller: the SBOM, the signed
 * provenance, and a minisign signature per file. Runs in the controller after collection, with the
 * controller's key; the job is over by then and never sees the key or these steps.
 */
public final class SupplyChain {
  public static final String SBOM_FILE = "sbom.cdx.json";
  public static final String PROVENANCE_FILE = "provenance.intoto.json";
  public static final String SIGNATURES = "signatures";

  private final SigningKey key;
  private final String builderId;
  private final Clock clock;

  /**
   * @param builderId this deployment, the provenance's {@code builder.id}
   */
  public SupplyChain(SigningKey key, String builderId, Clock clock) {
    this.key = key;
    this.builderId = builderId;
    this.clock = clock;
  }

  /** What a job asked for ({@code artifacts.sbom}, {@code artifacts.provenance}). */
  public record Wanted(boolean sbom, boolean provenance) {}

  /**
   * What was made, under the output folder.
   *
   * @param signatures artifact name to its {@code .minisig} file
   */
  public record Produced(
      Optional<Path> sbom, Optional<Path> provenance, Map<String, Path> signatures) {
    public Optional<byte[]> sbomBytes() throws IOException {
      return sbom.isPresent() ? Optional.of(Files.readAllBytes(sbom.get())) : Optional.empty();
    }

    public Optional<byte[]> provenanceBytes() throws IOException {
      return provenance.isPresent()
          ? Optional.of(Files.readAllBytes(provenance.get()))
          : Optional.empty();
    }
  }

  /**
   * Writes the SBOM, the provenance envelope and the signatures into {@code out}.
   *
   * @param workspace the run's workspace, for {@code sbom-components.yaml}; null if gone
   */
  public Produced produce(
      RunFacts run,
      List<Manifest.Entry> artifacts,
      Blobs blobs,
      Path workspace,
      Wanted wanted,
      Path out)
      throws IOException {
    Files.createDirectories(out);
    Optional<Path> sbom = Optional.empty();
    Provenance.Byproduct byproduct = null;
    if (wanted.sbom()) {
      byte[] json = Sbom.generate(run, artifacts, blobs, workspace, clock.instant());
      sbom = Optional.of(Files.write(out.resolve(SBOM_FILE), json));
      byproduct = new Provenance.Byproduct(SBOM_FILE, Digests.sha256(json), Sbom.MEDIA_TYPE);
    }
    Optional<Path> provenance = Optional.empty();
    Map<String, Path> signatures = new LinkedHashMap<>();
    if (wanted.provenance()) {
      byte[] statement = Provenance.statement(builderId, run, artifacts, byproduct);
      provenance =
          Optional.of(
              Files.write(out.resolve(PROVENANCE_FILE), Dsse.sign(key, Dsse.IN_TOTO, statement)));
      for (Manifest.Entry artifact : artifacts) {
        Path sig = out.resolve(SIGNATURES).resolve(safe(artifact.path()) + ".minisig");
        Files.createDirectories(sig.getParent());
        String comment =
            "run " + run.runId() + " file " + artifact.path() + " sha256 " + artifact.sha256();
        signatures.put(
            artifact.path(),
            Files.writeString(sig, Minisign.sign(key, blobs.file(artifact), comment)));
      }
    }
    return new Produced(sbom, provenance, Map.copyOf(signatures));
  }

  /** Artifact names are workspace-relative; one that climbs out is refused, not written. */
  private static String safe(String name) {
    Path path = Path.of(name).normalize();
    if (path.isAbsolute() || path.startsWith("..") || name.isBlank()) {
      throw new IllegalArgumentException("artifact name outside the workspace: " + name);
    }
    return path.toString();
  }
}
