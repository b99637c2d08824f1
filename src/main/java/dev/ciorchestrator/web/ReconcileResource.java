package dev.ciorchestrator.web;

import dev.ciorchestrator.reconcile.ReconcileLoop;
import dev.ciorchestrator.runtime.ReconcileService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The loop's last pass over each repository, for people asking "is it doing anything?". */
@Path("/api/v1/reconcile")
@Produces(MediaType.APPLICATION_JSON)
public class ReconcileResource {
  /** One repository's last pass; {@code error} is empty when it succeeded. */
  public record RepoPass(
      String repo, Instant at, double tookMs, int planned, int carried, String error) {}

  private final ReconcileService service;

  @Inject
  public ReconcileResource(ReconcileService service) {
    this.service = service;
  }

  @GET
  public List<RepoPass> passes() {
    return service.loop().status().entrySet().stream()
        .map(e -> view(e.getKey(), e.getValue()))
        .sorted(Comparator.comparing(RepoPass::repo))
        .toList();
  }

  private static RepoPass view(String repo, ReconcileLoop.RepoStatus s) {
    return new RepoPass(
        repo, s.at(), s.took().toNanos() / 1e6, s.planned(), s.carried(), s.error());
  }
}
