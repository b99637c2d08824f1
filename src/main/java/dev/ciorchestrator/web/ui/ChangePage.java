package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.forge.local.LocalForgeSettings;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.reconcile.ChangeBoard;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.web.ApiException;
import dev.ciorchestrator.web.LocalForgeCalls;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code /repos/{owner}/{name}/changes/{number}}: one change, and a rerun of one of its jobs. A
 * rerun is a {@code /test <job>} comment posted as the logged-in user on the embedded forge: the
 * planner serves it like any other, with the same trust rules, so the UI has no side door.
 */
@Path("/repos/{owner}/{name}/changes/{number}")
@Produces(MediaType.TEXT_HTML)
public class ChangePage {
  /** The page; {@code canRerun}: a logged-in user may ask for a rerun here. */
  record Change(Chrome chrome, ChangeView view, boolean canRerun) implements TemplateInstance {}

  private final ChangeBoard board;
  private final RunStore runs;
  private final LocalForgeStore store;
  private final LocalForgeSettings forge;
  private final LocalForgeCalls calls;
  private final ConfigSyncService config;
  private final Clock clock;
  private final Pages pages;
  private final UiAuth auth;

  @Inject
  public ChangePage(
      ChangeBoard board,
      RunStore runs,
      LocalForgeStore store,
      LocalForgeSettings forge,
      ConfigSyncService config,
      Event<ForgeEvent> events,
      Clock clock,
      Pages pages,
      UiAuth auth) {
    this.board = board;
    this.runs = runs;
    this.store = store;
    this.forge = forge;
    this.calls =
        new LocalForgeCalls(
            store, forge.reposDir(), repo -> events.fire(new ForgeEvent(LocalForge.ID, repo)));
    this.config = config;
    this.clock = clock;
    this.pages = pages;
    this.auth = auth;
  }

  @GET
  public Response page(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @PathParam("number") long number) {
    String repo = owner + "/" + name;
    boolean local = isLocal(repo);
    Optional<LocalChange> stored = local ? store.get(repo, number) : Optional.empty();
    List<RunRecord> own = changeRuns(repo, number);
    Optional<ChangeBoard.Entry> entry = board.get(repo, number);
    if (entry.isEmpty() && stored.isEmpty() && own.isEmpty()) {
      throw UiError.notFound(
          "No change "
              + repo
              + "#"
              + number
              + " is known here: no open change the loop reported, no run, no stored change.");
    }
    ChangeView view =
        ChangeQuery.build(
            repo,
            number,
            new ChangeQuery.Sources(entry.orElse(null), own, stored.orElse(null)),
            forge.bot(),
            clock.instant());
    boolean canRerun = local && stored.map(c -> c.state() == LocalChange.State.OPEN).orElse(false);
    Chrome chrome =
        pages.chrome(repo + "#" + number, "changes", HomeQuery.changeHref(repo, number));
    return UiResponses.page(new Change(chrome, view, canRerun));
  }

  /** Posts {@code /test <job>} as the logged-in user; the loop serves it on its next pass. */
  @POST
  @Path("rerun")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response rerun(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @PathParam("number") long number,
      @FormParam("csrf") String csrf,
      @FormParam("job") String job) {
    UiSession session = pages.session();
    auth.checkForm(session, csrf);
    String login = auth.requireLogin(session, "Rerunning a job");
    String repo = owner + "/" + name;
    if (!isLocal(repo)) {
      throw new UiError(
          Status.CONFLICT,
          "Rerun on the forge",
          repo
              + " is not on the embedded forge: comment /test "
              + (job == null ? "<job>" : job)
              + " on the change there, as yourself.");
    }
    if (job == null
        || config.current().jobsFor(repo).stream().noneMatch(j -> j.name().equals(job))) {
      throw UiError.badRequest(
          "The form field job must name a job of " + repo + " in the running config: " + job);
    }
    try {
      calls.requireOpen(repo, number);
      calls.call(
          repo, number, s -> s.comment(repo, number, login, "/test " + job, clock.instant()));
    } catch (ApiException e) {
      throw new UiError(e.status(), "Rerun refused", e.getMessage());
    }
    return UiResponses.seeOther(HomeQuery.changeHref(repo, number) + "?notice=rerun").build();
  }

  private boolean isLocal(String repo) {
    return HomeQuery.embedded(config.current(), repo);
  }

  private List<RunRecord> changeRuns(String repo, long number) {
    try {
      return runs.forRepo(repo).stream().filter(r -> r.key().change() == number).toList();
    } catch (IOException e) {
      throw Stores.unreadable(e);
    }
  }
}
