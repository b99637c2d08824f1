package dev.ciorchestrator.supply.sbom;

import dev.ciorchestrator.artifact.Blobs;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.supply.RunFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;

/**
 * The CycloneDX 1.6 JSON SBOM of one run's artifacts: each artifact as a component with its
 * SHA-256; a Go binary's modules ({@code pkg:golang}, with the go.sum {@code h1:} hash as SHA-256);
 * a dynamically linked ELF's libraries as the Debian packages that ship them ({@code pkg:deb}); the
 * repository's declared components ({@code sbom-components.yaml}); and which artifact depends on
 * which component.
 */
public final class Sbom {
  /** The repository's declared components, at the workspace root (read when it exists). */
  public static final String COMPONENTS_FILE = DeclaredComponents.FILE;

  public static final String MEDIA_TYPE = "application/vnd.cyclonedx+json";
  static final Version VERSION = Version.VERSION_16;

  private final DebianPackages debian = new DebianPackages();
  private final Map<String, Component> components = new LinkedHashMap<>();
  private final List<Dependency> dependencies = new ArrayList<>();

  private Sbom() {}

  /**
   * The SBOM's JSON.
   *
   * @param workspace where {@code sbom-components.yaml} is looked for; null when there is none
   * @throws SbomException when the declared components file is wrong (file:line:col and field)
   */
  public static byte[] generate(
      RunFacts run, List<Manifest.Entry> artifacts, Blobs blobs, Path workspace, Instant now)
      throws IOException {
    Sbom sbom = new Sbom();
    Dependency root = new Dependency(rootRef(run));
    for (Manifest.Entry artifact : artifacts) {
      root.addDependency(new Dependency(sbom.addArtifact(artifact, blobs.file(artifact))));
    }
    if (workspace != null) {
      for (DeclaredComponents.Declared declared : DeclaredComponents.read(workspace)) {
        root.addDependency(new Dependency(sbom.addDeclared(declared)));
      }
    }
    return sbom.write(run, root, now);
  }

  private String addArtifact(Manifest.Entry artifact, Path bytes) throws IOException {
    BinaryScan scan = BinaryScan.of(bytes, debian);
    Component file = new Component();
    file.setType(scan == BinaryScan.PLAIN ? Component.Type.FILE : Component.Type.APPLICATION);
    file.setName(artifact.path());
    file.setBomRef("artifact:" + artifact.path());
    file.addHash(new Hash(Hash.Algorithm.SHA_256, artifact.sha256()));
    file.addProperty(new Property("ci-orchestrator:media-type", artifact.mediaType()));
    file.addProperty(new Property("ci-orchestrator:size", Long.toString(artifact.size())));
    scan.unresolved()
        .forEach(lib -> file.addProperty(new Property("ci-orchestrator:unresolved-library", lib)));
    Dependency edges = new Dependency(file.getBomRef());
    scan.go()
        .ifPresent(
            go -> {
              file.addProperty(new Property("ci-orchestrator:go-version", go.goVersion()));
              file.addProperty(new Property("ci-orchestrator:go-main-module", go.main().path()));
              go.deps().forEach(m -> edges.addDependency(new Dependency(addGoModule(m))));
            });
    scan.packages().forEach(p -> edges.addDependency(new Dependency(addDeb(p))));
    components.put(file.getBomRef(), file);
    dependencies.add(edges);
    return file.getBomRef();
  }

  private String addGoModule(GoBuildInfo.GoModule module) {
    String purl = Purls.golang(module.path(), module.version());
    return components
        .computeIfAbsent(
            purl,
            ref -> {
              Component c = library(ref, module.path(), module.version());
              if (module.sum().startsWith("h1:")) {
                // go.sum's h1: is base64 of a SHA-256 (over the module's file list), as
                // cyclonedx-gomod maps it
                byte[] digest = Base64.getDecoder().decode(module.sum().substring(3));
                c.addHash(new Hash(Hash.Algorithm.SHA_256, HexFormat.of().formatHex(digest)));
              }
              return c;
            })
        .getBomRef();
  }

  private String addDeb(DebianPackages.DebPackage p) {
    String purl = Purls.deb(p.name(), p.version(), p.arch());
    return components
        .computeIfAbsent(
            purl,
            ref -> {
              Component c = library(ref, p.name(), p.version());
              p.libraries()
                  .forEach(lib -> c.addProperty(new Property("ci-orchestrator:library", lib)));
              return c;
            })
        .getBomRef();
  }

  private String addDeclared(DeclaredComponents.Declared d) {
    String ref = d.purl().isEmpty() ? "declared:" + d.name() + "@" + d.version() : d.purl();
    return components
        .computeIfAbsent(
            ref,
            key -> {
              Component c = library(key, d.name(), d.version());
              if (d.purl().isEmpty()) {
                c.setPurl((String) null);
              }
              if (!d.description().isEmpty()) {
                c.setDescription(d.description());
              }
              if (!d.license().isEmpty()) {
                c.setLicenses(Licenses.of(d.license()));
              }
              c.addProperty(new Property("ci-orchestrator:declared-in", DeclaredComponents.FILE));
              return c;
            })
        .getBomRef();
  }

  private static Component library(String ref, String name, String version) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setBomRef(ref);
    c.setName(name);
    c.setVersion(version);
    c.setPurl(ref);
    return c;
  }

  private byte[] write(RunFacts run, Dependency root, Instant now) {
    Bom bom = new Bom();
    bom.setSerialNumber(
        "urn:uuid:" + UUID.nameUUIDFromBytes(run.runId().getBytes(StandardCharsets.UTF_8)));
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(now));
    Component subject = new Component();
    subject.setType(Component.Type.APPLICATION);
    subject.setBomRef(root.getRef());
    subject.setName(run.repo());
    subject.setVersion(run.headSha());
    subject.addProperty(new Property("ci-orchestrator:run", run.runId()));
    subject.addProperty(new Property("ci-orchestrator:job", run.job()));
    metadata.setComponent(subject);
    bom.setMetadata(metadata);
    bom.setComponents(new ArrayList<>(components.values()));
    List<Dependency> all = new ArrayList<>();
    all.add(root);
    all.addAll(dependencies);
    bom.setDependencies(all);
    return CycloneDxJson.write(bom, VERSION);
  }

  private static String rootRef(RunFacts run) {
    return "run:" + run.runId();
  }
}
