package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.local.LocalForgeSettings;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.web.ChangeView.StatusView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commit statuses the controller set in the local forge, as a forge's status API shows them.
 */
@Path("/api/v1/repos/{owner}/{name}/commits/{sha}/statuses")
@Produces(MediaType.APPLICATION_JSON)
public class CommitStatusResource {
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private final LocalForgeStore store;
  private final LocalForgeCalls forge;

  @Inject
  public CommitStatusResource(LocalForgeStore store, LocalForgeSettings settings) {
    this.store = store;
    this.forge = new LocalForgeCalls(store, settings.reposDir(), repo -> {});
  }

  /** Sorted by context; empty for a commit nobody reported on; 404 for an unknown repository. */
  @GET
  public List<StatusView> statuses(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @PathParam("sha") String sha) {
    String repo = owner + "/" + name;
    forge.requireRepo(repo);
    if (!SHA.matcher(sha).matches()) {
      throw ApiException.badRequest("sha must be a full lowercase hex commit id: " + sha, "sha");
    }
    try {
      return StatusView.of(store.statuses(repo, sha));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), "");
    }
  }
}
