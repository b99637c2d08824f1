package dev.ciorchestrator.web;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.reports.ReportStore;
import dev.ciorchestrator.reports.RunReport;
import dev.ciorchestrator.run.LogFollower;
import dev.ciorchestrator.run.LogTail;
import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.RunQuery;
import dev.ciorchestrator.run.RunStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Runs and their logs: what ran, how it ended, and its output, live while it runs. */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
  static final int CHUNK = 64 * 1024;
  static final int MAX_PAGE = 1000;
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern BATCH_ID = Pattern.compile("[0-9a-f]{16}");

  private static final List<String> RESULTS = List.of("passed", "failed", "skipped");
  private static final List<String> LEVELS = List.of("error", "warning", "note");

  private final RunStore store;
  private final RunLogs logs;
  private final ReportStore reports;

  @Inject
  public RunResource(RunStore store, RunLogs logs, ReportStore reports) {
    this.store = store;
    this.logs = logs;
    this.reports = reports;
  }

  /**
   * Runs matching all given filters, newest first; an empty filter matches everything. {@code
   * batch} is a merge-queue batch id: the runs of that batch. At most {@code limit} (default and
   * most {@value #MAX_PAGE}); when there may be more, {@code X-Next-Before} carries the cursor to
   * pass as {@code before} for the next page.
   */
  @GET
  public Response list(
      @QueryParam("repo") @DefaultValue("") String repo,
      @QueryParam("change") @DefaultValue("") String change,
      @QueryParam("job") @DefaultValue("") String job,
      @QueryParam("state") @DefaultValue("") String state,
      @QueryParam("batch") @DefaultValue("") String batch,
      @QueryParam("before") @DefaultValue("") String before,
      @QueryParam("limit") @DefaultValue("" + MAX_PAGE) int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw ApiException.badRequest("limit must be 1.." + MAX_PAGE + ": " + limit, "limit");
    }
    if (!batch.isEmpty() && !BATCH_ID.matcher(batch).matches()) {
      throw ApiException.badRequest(
          "batch must be a merge-queue batch id (16 hex digits): " + batch, "batch");
    }
    RunQuery query =
        new RunQuery(
            repo,
            change.isEmpty() ? OptionalLong.empty() : OptionalLong.of(number(change)),
            job,
            state.isEmpty() ? Optional.empty() : Optional.of(state(state)),
            batch,
            before.isEmpty() ? Optional.empty() : Optional.of(cursor(before)),
            limit);
    List<RunRecord> page;
    try {
      page = store.page(query);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Response.ResponseBuilder answer = Response.ok(page.stream().map(RunView::of).toList());
    if (page.size() == limit) {
      RunQuery.Cursor last = RunQuery.Cursor.of(page.get(page.size() - 1));
      answer.header("X-Next-Before", last.queuedAt() + "~" + last.id());
    }
    return answer.build();
  }

  private static RunQuery.Cursor cursor(String before) {
    int cut = before.indexOf('~');
    try {
      if (cut > 0) {
        String id = before.substring(cut + 1);
        if (RUN_ID.matcher(id).matches()) {
          return new RunQuery.Cursor(Instant.parse(before.substring(0, cut)), id);
        }
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "before must be a cursor from X-Next-Before (<time>~<run id>): " + before, "before");
  }

  @GET
  @Path("/{id}")
  public RunView get(@PathParam("id") String id) {
    return RunView.of(run(id));
  }

  /**
   * The log from byte {@code offset} on. Without {@code follow}: one chunk, with {@code
   * X-Next-Offset} to ask for next and {@code X-Complete: true} once the run is over and nothing
   * more will come. With {@code follow=true}: a stream that stays open until then.
   */
  @GET
  @Path("/{id}/log")
  @Produces(MediaType.TEXT_PLAIN)
  public Response log(
      @PathParam("id") String id,
      @QueryParam("offset") @DefaultValue("0") long offset,
      @QueryParam("follow") @DefaultValue("false") boolean follow)
      throws IOException {
    if (offset < 0) {
      throw ApiException.badRequest("offset must be >= 0: " + offset, "offset");
    }
    run(id); // 404 before anything streams
    if (follow) {
      LogFollower follower = new LogFollower(logs, id, CHUNK, () -> terminal(id));
      StreamingOutput stream = out -> follower.follow(out, offset);
      return Response.ok(stream).type(MediaType.TEXT_PLAIN + ";charset=utf-8").build();
    }
    boolean over = terminal(id); // before reading: a run ending after the read is not complete
    LogTail.Chunk chunk = logs.read(id, offset, CHUNK);
    return Response.ok(chunk.text())
        .type(MediaType.TEXT_PLAIN + ";charset=utf-8")
        .header("X-Next-Offset", chunk.nextOffset())
        .header("X-Complete", over && chunk.atEnd())
        .build();
  }

  /** The run's test cases, {@code ?result=failed} (or passed, skipped) for some of them. */
  @GET
  @Path("/{id}/tests")
  public TestsView tests(
      @PathParam("id") String id, @QueryParam("result") @DefaultValue("") String result) {
    oneOf(result, RESULTS, "result");
    return TestsView.of(run(id), report(id), result);
  }

  /** The run's findings, {@code ?level=error} (or warning, note) for some of them. */
  @GET
  @Path("/{id}/findings")
  public TestsView.FindingsView findings(
      @PathParam("id") String id, @QueryParam("level") @DefaultValue("") String level) {
    oneOf(level, LEVELS, "level");
    return TestsView.FindingsView.of(run(id), report(id), level);
  }

  private RunReport report(String id) {
    try {
      return reports.get(id).orElse(RunReport.EMPTY);
    } catch (IOException e) {
      throw new ApiException(
          Status.SERVICE_UNAVAILABLE, "cannot read the report of run " + id + ": " + e, "id");
    }
  }

  private static void oneOf(String value, List<String> allowed, String field) {
    if (!value.isEmpty() && !allowed.contains(value)) {
      throw ApiException.badRequest(
          field + " must be one of " + String.join(", ", allowed) + ": " + value, field);
    }
  }

  private boolean terminal(String id) {
    return run(id).state().terminal();
  }

  private RunRecord run(String id) {
    if (!RUN_ID.matcher(id).matches()) {
      throw ApiException.badRequest("not a run id: " + id, "id");
    }
    try {
      return store
          .get(id)
          .orElseThrow(() -> new ApiException(Status.NOT_FOUND, "no run " + id, "id"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long number(String change) {
    try {
      return Long.parseLong(change);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("change must be a number: " + change, "change");
    }
  }

  private static RunState state(String wire) {
    try {
      return RunState.valueOf(wire.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String known =
          Arrays.stream(RunState.values()).map(RunState::wire).collect(Collectors.joining(", "));
      throw ApiException.badRequest("state must be one of " + known + ": " + wire, "state");
    }
  }
}
