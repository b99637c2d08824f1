package dev.ciorchestrator.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.intake.JsonProblem;
import dev.ciorchestrator.intake.StrictJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Iterator;

/**
 * The config sync over HTTP: {@code GET} shows where the running config stands, {@code POST /sync}
 * checks the repository now (what a push webhook of the config repository calls).
 */
@Path("/api/v1/config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {
  private final ConfigSyncService service;
  private final ObjectMapper json;

  @Inject
  public ConfigResource(ConfigSyncService service, ObjectMapper json) {
    this.service = service;
    this.json = json;
  }

  @GET
  public ConfigStatusView status() {
    return ConfigStatusView.of(service.status());
  }

  /**
   * Takes no input: repository and revision are deployment settings, and GitOps means a request
   * cannot pick another revision. A body, if sent, must be an empty JSON object; any field in it is
   * refused by name, so a client that tries {@code {"revision": ...}} learns why.
   */
  @POST
  @Path("/sync")
  public Response sync(String body) {
    ApiError refused = refuse(body);
    if (refused != null) {
      return Response.status(Response.Status.BAD_REQUEST).entity(refused).build();
    }
    return Response.ok(ConfigStatusView.of(service.syncNow())).build();
  }

  private ApiError refuse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    JsonNode node;
    try {
      node = StrictJson.tree(body, json);
    } catch (JsonProblem e) {
      return new ApiError(e.getMessage(), e.field());
    }
    Iterator<String> fields = node.fieldNames();
    if (fields.hasNext()) {
      String field = fields.next();
      return new ApiError(
          "unknown field '"
              + field
              + "': sync takes no input; repository, revision and path come from the"
              + " ci.config.* settings",
          field);
    }
    return null;
  }
}
