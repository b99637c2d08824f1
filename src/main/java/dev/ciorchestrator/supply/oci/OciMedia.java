package dev.ciorchestrator.supply.oci;

/** The media and artifact types of what is pushed (image-spec v1.1). */
public final class OciMedia {
  public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String EMPTY = "application/vnd.oci.empty.v1+json";

  /** The empty config blob {@code {}}. */
  public static final String EMPTY_DIGEST =
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

  /** The artifact type of a run's artifact set. */
  public static final String ARTIFACTS = "application/vnd.ci-orchestrator.artifacts.v1+json";

  public static final String SBOM = "application/vnd.cyclonedx+json";
  public static final String DSSE = "application/vnd.dsse.envelope.v1+json";
  public static final String TITLE = "org.opencontainers.image.title";

  private OciMedia() {}
}
