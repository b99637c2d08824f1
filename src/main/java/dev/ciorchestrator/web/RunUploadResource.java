package dev.ciorchestrator.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.upload.StagedRun;
import dev.ciorchestrator.upload.UploadRefused;
import dev.ciorchestrator.upload.Uploads;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;

/**
 * {@code /api/v1/runs/{id}/upload/...}: where a Kubernetes run's sidecar hands back its files
 * ({@code PUT file?path=&offset=}), its log ({@code PUT log?offset=}) and its last word ({@code
 * POST done}), with the token minted for that run ({@link Uploads} decides). Only the leader takes
 * them, since only it ends runs: a follower answers 503 and the sidecar asks again. With the
 * PostgreSQL store they are staged in the database, so the next leader continues where this one
 * stopped.
 */
@Path("/api/v1/runs/{id}/upload")
@Produces(MediaType.APPLICATION_JSON)
public class RunUploadResource {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Uploads uploads;
  private final WriteFence fence;

  @Inject
  public RunUploadResource(Uploads uploads, WriteFence fence) {
    this.uploads = uploads;
    this.fence = fence;
  }

  @PUT
  @Path("file")
  @Consumes(MediaType.WILDCARD)
  public Response file(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("path") String path,
      @QueryParam("offset") String offset,
      byte[] body) {
    if (path == null) {
      throw ApiException.badRequest("the query parameter path is required", "path");
    }
    return chunk(id, authorization, path, offset, body);
  }

  @PUT
  @Path("log")
  @Consumes(MediaType.WILDCARD)
  public Response log(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("offset") String offset,
      byte[] body) {
    return chunk(id, authorization, null, offset, body);
  }

  @POST
  @Path("done")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response done(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      byte[] body) {
    leading();
    StagedRun.Done done;
    try {
      done = JSON.readValue(body, StagedRun.Done.class);
    } catch (IOException e) {
      throw ApiException.badRequest(
          "the body must be {\"exitCode\": <int>, \"refused\": <text>}: " + e.getMessage(), "");
    }
    try {
      uploads.done(id, authorization, done);
    } catch (UploadRefused e) {
      throw refused(e);
    } catch (IOException e) {
      throw new ApiException(Status.SERVICE_UNAVAILABLE, "cannot store the upload: " + e, "");
    }
    return Response.noContent().build();
  }

  private Response chunk(String id, String authorization, String path, String offset, byte[] body) {
    leading();
    long at;
    try {
      at = offset == null ? 0 : Long.parseLong(offset);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("offset must be a whole number of bytes", "offset");
    }
    try {
      uploads.chunk(id, authorization, path, at, body == null ? new byte[0] : body);
    } catch (UploadRefused e) {
      throw refused(e);
    } catch (IOException e) {
      throw new ApiException(Status.SERVICE_UNAVAILABLE, "cannot store the upload: " + e, "");
    }
    return Response.noContent().build();
  }

  private void leading() {
    if (!fence.isOpen()) {
      throw new ApiException(
          Status.SERVICE_UNAVAILABLE,
          "this replica does not lead, and only the leader takes uploads; try again",
          "");
    }
  }

  private static ApiException refused(UploadRefused e) {
    return new ApiException(Status.fromStatusCode(e.status()), e.getMessage(), e.field());
  }
}
