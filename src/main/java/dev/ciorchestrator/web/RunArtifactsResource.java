package dev.ciorchestrator.web;

import dev.ciorchestrator.artifact.Artifacts;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.run.RunStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/** {@code GET /api/v1/runs/{id}/artifacts}: the manifest of what a run collected. */
@Path("/api/v1/runs/{id}/artifacts")
@Produces(MediaType.APPLICATION_JSON)
public class RunArtifactsResource {
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final RunStore runs;
  private final Artifacts artifacts;

  @Inject
  public RunArtifactsResource(RunStore runs, Artifacts artifacts) {
    this.runs = runs;
    this.artifacts = artifacts;
  }

  /** One collected file as the API shows it, with where to download it. */
  /**
   * @param mode the file's permission bits as {@code chmod} takes them ({@code 0755})
   */
  public record FileView(
      String path, long size, String digest, String mediaType, String mode, String url) {
    static List<FileView> of(List<Manifest.Entry> files) {
      return files.stream()
          .map(
              f ->
                  new FileView(
                      f.path(),
                      f.size(),
                      f.digest(),
                      f.mediaType(),
                      f.octalMode(),
                      "/api/v1/artifacts/" + f.digest()))
          .toList();
    }
  }

  public record ManifestView(
      String runId, String collectedAt, boolean published, long totalSize, List<FileView> files) {
    public static ManifestView of(Manifest m) {
      return new ManifestView(
          m.runId(),
          m.collectedAt().toString(),
          m.published(),
          m.totalSize(),
          FileView.of(m.files()));
    }
  }

  @GET
  public ManifestView manifest(@PathParam("id") String id) {
    if (!RUN_ID.matcher(id).matches()) {
      throw ApiException.badRequest("not a run id: " + id, "id");
    }
    try {
      if (runs.get(id).isEmpty()) {
        throw new ApiException(Status.NOT_FOUND, "no run " + id, "id");
      }
      Manifest m =
          artifacts
              .store()
              .manifest(id)
              .orElseThrow(
                  () ->
                      new ApiException(
                          Status.NOT_FOUND, "run " + id + " collected no artifacts", "id"));
      return ManifestView.of(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
