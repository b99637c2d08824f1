package dev.ciorchestrator.web.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.reconcile.ActionExecutor;
import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.RunStore;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code /runs/{id}}: a run and its log. The page shows the last {@code ci.ui.log-window} of the
 * log, "load earlier" the window before, the download streams the whole log, and while the run goes
 * on its page follows it over server-sent events. Every read goes through the {@link RunLogs} port,
 * in ranges: no request holds more of a log than one window, and the page works the same on any
 * replica with the PostgreSQL store.
 */
@Path("/runs/{id}")
public class RunPage {
  /** The page; {@code canAbort}: the visitor may abort it, {@code rerunAction} rerun its job. */
  private static final int DOWNLOAD_CHUNK = 64 * 1024;

  record Run(Chrome chrome, RunView view, boolean canAbort, String rerunAction)
      implements TemplateInstance {}

  private final RunStore store;
  private final Executor executor;
  private final RunLogs logs;
  private final ObjectMapper json;
  private final Clock clock;
  private final UiSettings settings;
  private final Pages pages;
  private final UiAuth auth;
  private final RunQuery query;

  @Inject
  public RunPage(
      RunStore store,
      Executor executor,
      RunLogs logs,
      ObjectMapper json,
      Clock clock,
      UiSettings settings,
      Pages pages,
      UiAuth auth,
      RunQuery query) {
    this.store = store;
    this.executor = executor;
    this.logs = logs;
    this.json = json;
    this.clock = clock;
    this.settings = settings;
    this.pages = pages;
    this.auth = auth;
    this.query = query;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page(@PathParam("id") String id, @QueryParam("before") String before) {
    RunRecord run = run(id);
    long end = Params.offset("before", before);
    RunView view = query.view(run, logs, end, window());
    boolean loggedIn = pages.session().login().isPresent();
    Chrome chrome = pages.chrome(run.key().job() + " · " + id, "changes", "/runs/" + id);
    return UiResponses.page(
        new Run(
            chrome,
            view,
            loggedIn && !run.state().terminal(),
            loggedIn ? query.rerunAction(run) : ""));
  }

  /**
   * The whole log as a file, streamed in ranges of {@link #DOWNLOAD_CHUNK}, as far as it was
   * written when the download began: a log still growing ends there rather than never.
   */
  @GET
  @Path("log")
  @Produces(MediaType.TEXT_PLAIN)
  public Response download(@PathParam("id") String id) {
    run(id);
    StreamingOutput body =
        out -> {
          long end = logs.size(id);
          for (long offset = 0; offset < end; ) {
            byte[] bytes =
                logs.range(id, offset, (int) Math.min(DOWNLOAD_CHUNK, end - offset)).bytes();
            if (bytes.length == 0) {
              break; // deleted meanwhile (retention): what was sent is all there is
            }
            out.write(bytes);
            offset += bytes.length;
          }
        };
    return Response.ok(body)
        .type(MediaType.TEXT_PLAIN + ";charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + id + ".log\"")
        .build();
  }

  /** The window of whole lines before {@code before}, for the page's "load earlier" script. */
  @GET
  @Path("lines")
  @Produces(MediaType.APPLICATION_JSON)
  public LogLines.JsonWindow lines(
      @PathParam("id") String id, @QueryParam("before") String before) {
    run(id);
    long end = Params.offset("before", before);
    if (end < 0) {
      throw UiError.badRequest("The query parameter before is required: a byte offset.");
    }
    try {
      return LogLines.json(LogWindow.before(logs, id, end, window()), new Ansi());
    } catch (IOException e) {
      throw Stores.unreadable(e);
    }
  }

  /**
   * The log from {@code offset} (or the browser's {@code Last-Event-ID} when it reconnects) and the
   * run's state, live, until the run is over and its log read to the end.
   */
  @GET
  @Path("events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Multi<OutboundSseEvent> events(
      @PathParam("id") String id,
      @QueryParam("offset") String offset,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @Context Sse sse) {
    run(id);
    long resume = Params.offset("Last-Event-ID", lastEventId);
    long from = resume >= 0 ? resume : Math.max(0, Params.offset("offset", offset));
    return Multi.createFrom()
        .deferred(
            () -> {
              LogFollow follow = new LogFollow(logs, id, from, () -> run(id), json, clock);
              return Multi.createFrom()
                  .ticks()
                  .startingAfter(Duration.ofMillis(1))
                  .every(settings.followInterval())
                  .onOverflow()
                  .drop()
                  .emitOn(Infrastructure.getDefaultWorkerPool())
                  .map(tick -> follow.poll())
                  .select()
                  .first(batch -> !batch.finished())
                  .onItem()
                  .transformToIterable(LogFollow.Batch::events);
            })
        .map(e -> event(sse, e));
  }

  /** Aborts through the same cancel the loop uses for superseded runs. */
  @POST
  @Path("abort")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response abort(@PathParam("id") String id, @FormParam("csrf") String csrf) {
    UiSession session = pages.session();
    auth.checkForm(session, csrf);
    String login = auth.requireLogin(session, "Aborting a run");
    RunRecord run = run(id);
    if (run.state().terminal()) {
      throw new UiError(
          Status.CONFLICT, "Already over", "Run " + id + " already ended: " + run.state().wire());
    }
    try {
      new ActionExecutor(store, executor, clock)
          .abort(id, "aborted by " + login + " in the web UI");
    } catch (IOException e) {
      throw Stores.unreadable(e);
    }
    return UiResponses.seeOther("/runs/" + id + "?notice=abort").build();
  }

  private static OutboundSseEvent event(Sse sse, LogFollow.Event e) {
    if (e.name() == null) {
      return sse.newEventBuilder().comment(e.data()).build();
    }
    var builder = sse.newEventBuilder().name(e.name()).data(e.data());
    if (e.id() != null) {
      builder.id(e.id());
    }
    return builder.build();
  }

  private int window() {
    return (int) Math.min(Integer.MAX_VALUE - 8, settings.logWindow().asLongValue());
  }

  private RunRecord run(String id) {
    return query.run(id);
  }
}
