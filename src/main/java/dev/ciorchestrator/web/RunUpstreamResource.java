package dev.ciorchestrator.web;

import dev.ciorchestrator.artifact.Artifacts;
import dev.ciorchestrator.artifact.Upstreams;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.upload.UploadRefused;
import dev.ciorchestrator.upload.UploadTokens;
import dev.ciorchestrator.upload.UpstreamReads;
import dev.ciorchestrator.web.RunArtifactsResource.FileView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/runs/{id}/upstream}: what a Kubernetes run's {@code pod fetch} init container
 * downloads before the job starts, with the run's own token ({@link UpstreamReads} decides which
 * upstream runs; the pod names none): the list of upstream runs with their manifests, and {@code
 * GET …/upstream/sha256:<hex>} for each file. Only the leader answers (a follower 503, the pod asks
 * again): the leader collects every run's artifacts into its store, which a follower may not share.
 */
@Path("/api/v1/runs/{id}/upstream")
@Produces(MediaType.APPLICATION_JSON)
public class RunUpstreamResource {
  /** The paths the run token reads, exempt from the API's user authentication ({@link ApiAuth}). */
  static final Pattern PATH =
      Pattern.compile("/api/v1/runs/[a-z0-9][a-z0-9-]{0,62}/upstream(/sha256:[0-9a-f]{64})?");

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final UpstreamReads reads;
  private final WriteFence fence;
  private final boolean anyReplica;

  /** One upstream job: the run its artifacts come from and its files. */
  public record UpstreamView(String job, String runId, List<FileView> files) {}

  public record UpstreamsView(String runId, List<UpstreamView> upstreams) {
    public static UpstreamsView of(String runId, List<Upstreams.Upstream> upstreams) {
      return new UpstreamsView(
          runId,
          upstreams.stream()
              .map(u -> new UpstreamView(u.job(), u.runId(), FileView.of(u.manifest().files())))
              .toList());
    }
  }

  @Inject
  public RunUpstreamResource(
      RunStore runs,
      UploadTokens tokens,
      Artifacts artifacts,
      ConfigSyncService config,
      WriteFence fence) {
    this(
        new UpstreamReads(
            runs,
            tokens,
            artifacts.store(),
            run -> needs(config, run),
            Upstreams.collectsIn(config::current)),
        fence,
        artifacts.shared());
  }

  /**
   * @param anyReplica the artifact store is shared, so a follower answers too
   */
  RunUpstreamResource(UpstreamReads reads, WriteFence fence, boolean anyReplica) {
    this.reads = reads;
    this.fence = fence;
    this.anyReplica = anyReplica;
  }

  /** The jobs the run's job needs in the running config; none once the job is gone from it. */
  private static List<String> needs(ConfigSyncService config, RunRecord run) {
    return config
        .current()
        .job(run.key().job())
        .map(j -> j.pipeline().needNames())
        .orElse(List.of());
  }

  @GET
  public UpstreamsView list(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    leading();
    try {
      return UpstreamsView.of(id, reads.upstreams(id, authorization));
    } catch (UploadRefused e) {
      throw refused(e);
    } catch (IOException e) {
      throw new ApiException(Status.SERVICE_UNAVAILABLE, "cannot read the run store: " + e, "");
    }
  }

  @GET
  @Path("/{digest}")
  @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
  public Response blob(
      @PathParam("id") String id,
      @PathParam("digest") String digest,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    leading();
    if (!DIGEST.matcher(digest).matches()) {
      throw ApiException.badRequest(
          "not a digest: " + digest + " (expected sha256:<64 hex>)", "digest");
    }
    try {
      java.nio.file.Path blob = reads.blob(id, authorization, digest);
      long size = Files.size(blob);
      return Response.ok()
          .type(MediaType.APPLICATION_OCTET_STREAM)
          .header("ETag", "\"" + digest + "\"")
          .header("Content-Length", size)
          .entity(size == 0 ? new byte[0] : BlobStream.of(blob, new ByteRange(0, size - 1)))
          .build();
    } catch (UploadRefused e) {
      throw refused(e);
    } catch (IOException e) {
      throw new ApiException(Status.SERVICE_UNAVAILABLE, "cannot read the artifact: " + e, "");
    }
  }

  private void leading() {
    if (!fence.isOpen() && !anyReplica) {
      throw new ApiException(
          Status.SERVICE_UNAVAILABLE,
          "this replica does not lead, and only the leader, which holds the artifacts on its disk"
              + " (ci.artifacts.store=disk), serves a run's upstream artifacts; try again",
          "");
    }
  }

  private static ApiException refused(UploadRefused e) {
    return new ApiException(Status.fromStatusCode(e.status()), e.getMessage(), e.field());
  }
}
