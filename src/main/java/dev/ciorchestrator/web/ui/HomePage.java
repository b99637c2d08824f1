package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.reconcile.ChangeBoard;
import dev.ciorchestrator.runtime.ReconcileService;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /}: the changes of every repository; {@code GET /repos/{owner}/{name}}: of one. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {
  /** The page. */
  record Home(Chrome chrome, HomeView view) implements TemplateInstance {}

  private final ChangeBoard board;
  private final ConfigSyncService config;
  private final ReconcileService reconcile;
  private final UiSettings settings;
  private final Pages pages;

  @Inject
  public HomePage(
      ChangeBoard board,
      ConfigSyncService config,
      ReconcileService reconcile,
      UiSettings settings,
      Pages pages) {
    this.board = board;
    this.config = config;
    this.reconcile = reconcile;
    this.settings = settings;
    this.pages = pages;
  }

  @GET
  public Response home(@QueryParam("page") String page) {
    return render("", page);
  }

  @GET
  @Path("repos/{owner}/{name}")
  public Response repo(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @QueryParam("page") String page) {
    String repo = owner + "/" + name;
    if (config.current().repository(repo).isEmpty()) {
      throw UiError.notFound("No repository " + repo + " in the running config.");
    }
    return render(repo, page);
  }

  private Response render(String filter, String page) {
    var snapshot = config.current();
    HomeView view =
        HomeQuery.build(
            board,
            snapshot.repositories(),
            reconcile.loop().status(),
            filter,
            Params.page(page),
            settings.pageSize(),
            snapshot.revision(),
            !reconcile.leader());
    String title = filter.isEmpty() ? "Changes" : filter;
    String here = filter.isEmpty() ? "/" : HomeQuery.repoHref(filter);
    return UiResponses.page(new Home(pages.chrome(title, "changes", here), view));
  }
}
