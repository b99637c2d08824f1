package dev.ciorchestrator.web;

import dev.ciorchestrator.artifact.Artifacts;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Collected files by digest: {@code ETag} = the digest, so a cache never needs to ask twice, and
 * {@code Range} for resuming large downloads.
 */
@Path("/api/v1/artifacts")
@Produces(MediaType.APPLICATION_JSON)
public class ArtifactResource {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final Artifacts artifacts;

  @Inject
  public ArtifactResource(Artifacts artifacts) {
    this.artifacts = artifacts;
  }

  @GET
  @Path("/{digest}")
  @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
  public Response download(
      @PathParam("digest") String digest,
      @HeaderParam("Range") String range,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    if (!DIGEST.matcher(digest).matches()) {
      throw ApiException.badRequest(
          "not a digest: " + digest + " (expected sha256:<64 hex>)", "digest");
    }
    java.nio.file.Path blob =
        stored(digest)
            .orElseThrow(
                () -> new ApiException(Status.NOT_FOUND, "no artifact " + digest, "digest"));
    String etag = "\"" + digest + "\"";
    if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
      return Response.notModified().header("ETag", etag).build();
    }
    long size;
    try {
      size = Files.size(blob);
    } catch (IOException e) {
      throw new ApiException(Status.NOT_FOUND, "no artifact " + digest, "digest");
    }
    Optional<ByteRange> wanted;
    try {
      wanted = ByteRange.parse(range, size);
    } catch (IllegalArgumentException e) {
      return Response.status(Status.REQUESTED_RANGE_NOT_SATISFIABLE)
          .type(MediaType.APPLICATION_JSON)
          .header("Content-Range", "bytes */" + size)
          .entity(new ApiError(e.getMessage(), "Range"))
          .build();
    }
    ByteRange r = wanted.orElse(new ByteRange(0, size - 1));
    Response.ResponseBuilder out =
        Response.status(wanted.isPresent() ? Status.PARTIAL_CONTENT : Status.OK)
            .type(MediaType.APPLICATION_OCTET_STREAM)
            .header("ETag", etag)
            .header("Accept-Ranges", "bytes")
            .header("Content-Length", size == 0 ? 0 : r.length())
            .entity(size == 0 ? new byte[0] : BlobStream.of(blob, r));
    if (wanted.isPresent()) {
      out.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size);
    }
    return out.build();
  }

  /** The content on this replica's disk, copied from the shared store first if need be. */
  private Optional<java.nio.file.Path> stored(String digest) {
    try {
      return artifacts.store().blob(digest);
    } catch (IOException e) {
      throw new ApiException(
          Status.SERVICE_UNAVAILABLE, "cannot read the artifact: " + e.getMessage(), "digest");
    }
  }
}
