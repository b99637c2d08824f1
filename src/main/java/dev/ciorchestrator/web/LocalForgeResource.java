package dev.ciorchestrator.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.forge.local.LocalForgeSettings;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/**
 * The embedded local forge's own data over HTTP: open changes and act on them as a user of a forge
 * would. Only the forge's state changes here; each write fires a {@link ForgeEvent}, so the
 * controller reconciles the repository at once.
 *
 * <p>Every write acts as the owner of the request's token ({@link Caller}); {@link ApiAuthFilter}
 * lets none through without one. Checks run in a fixed order, so the answer names the first real
 * problem: the repository (404), the change (404, 409 when closed or merged), then the body (400),
 * then whether its {@code author} is the caller (403).
 */
@Path("/api/v1/repos/{owner}/{name}/changes")
@Produces(MediaType.APPLICATION_JSON)
public class LocalForgeResource {
  private final LocalForgeCalls forge;
  private final LocalForgeStore store;
  private final SourceHeads heads;
  private final Caller caller;
  private final ObjectMapper json;
  private final Clock clock;

  @Inject
  public LocalForgeResource(
      LocalForgeStore store,
      LocalForge localForge,
      LocalForgeSettings settings,
      ObjectMapper json,
      Clock clock,
      Event<ForgeEvent> events,
      Caller caller) {
    this.forge =
        new LocalForgeCalls(
            store, settings.reposDir(), repo -> events.fire(new ForgeEvent(LocalForge.ID, repo)));
    this.store = store;
    this.heads = new SourceHeads(localForge);
    this.caller = caller;
    this.json = json;
    this.clock = clock;
  }

  /** Without {@code head}, the change starts at the source branch's tip. */
  @POST
  public Response open(
      @PathParam("owner") String owner, @PathParam("name") String name, String body) {
    String repo = repo(owner, name);
    forge.requireRepo(repo);
    var in = ChangeRequests.Open.read(json, body);
    String author = caller.actAs(in.author());
    String head = heads.resolve(repo, in.source(), in.head());
    LocalChange change =
        forge.call(
            repo,
            0,
            s ->
                s.open(
                    repo,
                    in.title(),
                    author,
                    in.source(),
                    in.target(),
                    in.draft(),
                    head,
                    clock.instant()));
    return created(change);
  }

  /** {@code state=open} (the default) lists open changes, {@code state=all} every change. */
  @GET
  public List<ChangeView> list(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @QueryParam("state") @DefaultValue("open") String state) {
    String repo = repo(owner, name);
    return switch (state) {
      case "open" -> forge.open(repo).stream().map(this::view).toList();
      case "all" -> forge.all(repo).stream().map(this::view).toList();
      default -> throw ApiException.badRequest("state must be open or all: " + state, "state");
    };
  }

  @GET
  @Path("/{number}")
  public ChangeView get(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @PathParam("number") long number) {
    return view(forge.require(repo(owner, name), number));
  }

  @POST
  @Path("/{number}/comments")
  public Response comment(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @PathParam("number") long number,
      String body) {
    String repo = repo(owner, name);
    forge.requireOpen(repo, number);
    var in = ChangeRequests.NewComment.read(json, body);
    String author = caller.actAs(in.author());
    return created(
        forge.call(repo, number, s -> s.comment(repo, number, author, in.body(), clock.instant())));
  }

  @POST
  @Path("/{number}/reviews")
  public Response review(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @PathParam("number") long number,
      String body) {
    String repo = repo(owner, name);
    forge.requireOpen(repo, number);
    var in = ChangeRequests.NewReview.read(json, body);
    String author = caller.actAs(in.author());
    return created(
        forge.call(
            repo,
            number,
            s -> s.review(repo, number, author, in.state(), in.commit(), clock.instant())));
  }

  /** Idempotent: adding a present label answers the change as it is. */
  @PUT
  @Path("/{number}/labels/{label}")
  public ChangeView addLabel(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @PathParam("number") long number,
      @PathParam("label") String label) {
    return label(repo(owner, name), number, label, true);
  }

  /** Idempotent: removing an absent label answers the change as it is. */
  @DELETE
  @Path("/{number}/labels/{label}")
  public ChangeView removeLabel(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @PathParam("number") long number,
      @PathParam("label") String label) {
    return label(repo(owner, name), number, label, false);
  }

  /** Closing a closed change again is a no-op. */
  @POST
  @Path("/{number}/close")
  public ChangeView close(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @PathParam("number") long number) {
    String repo = repo(owner, name);
    return view(forge.call(repo, number, s -> s.close(repo, number)));
  }

  /**
   * A push to the change's source branch: moves the head to {@code head}, or without it to the
   * branch's tip in the repository (what the controller's next listing would do too).
   */
  @POST
  @Path("/{number}/push")
  public ChangeView push(
      @PathParam("owner") String owner,
      @PathParam("name") String name,
      @PathParam("number") long number,
      String body) {
    String repo = repo(owner, name);
    LocalChange change = forge.requireOpen(repo, number);
    var in = ChangeRequests.Push.read(json, body);
    String head = heads.resolve(repo, change.sourceBranch(), in.head());
    return view(forge.call(repo, number, s -> s.setHead(repo, number, head, clock.instant())));
  }

  private ChangeView label(String repo, long number, String label, boolean present) {
    if (label.isBlank()) {
      throw ApiException.badRequest("label must not be blank", "label");
    }
    return view(forge.call(repo, number, s -> s.label(repo, number, label, present)));
  }

  private ChangeView view(LocalChange c) {
    return ChangeView.of(c, store.statuses(c.repo(), c.headSha()));
  }

  private static String repo(String owner, String name) {
    return owner + "/" + name;
  }

  private Response created(LocalChange change) {
    return Response.status(Response.Status.CREATED).entity(view(change)).build();
  }
}
