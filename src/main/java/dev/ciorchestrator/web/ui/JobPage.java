package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.RunStore;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /jobs/{name}}: one job's runs across every repository, change and branch, with its success
 * rate, durations and flaky failures. A job without runs, or one no longer configured, shows what
 * is known: "no runs yet" is an answer, not an error.
 */
@Path("/jobs/{name}")
@Produces(MediaType.TEXT_HTML)
public class JobPage {
  /** The page. */
  record JobHistoryPage(Chrome chrome, JobView view) implements TemplateInstance {}

  private final RunStore store;
  private final ConfigSyncService config;
  private final UiSettings settings;
  private final Clock clock;
  private final Pages pages;

  @Inject
  public JobPage(
      RunStore store, ConfigSyncService config, UiSettings settings, Clock clock, Pages pages) {
    this.store = store;
    this.config = config;
    this.settings = settings;
    this.clock = clock;
    this.pages = pages;
  }

  @GET
  public Response page(@PathParam("name") String name, @QueryParam("page") String page) {
    List<RunRecord> all;
    try {
      all = store.all();
    } catch (IOException e) {
      throw Stores.unreadable(e);
    }
    JobView view =
        view(
            JobHistory.of(name, all),
            config.current(),
            Params.page(page),
            settings.pageSize(),
            clock.instant());
    return UiResponses.page(new JobHistoryPage(pages.chrome(name, "", "/jobs/" + name), view));
  }

  static JobView view(JobHistory h, ConfigSnapshot snapshot, int page, int pageSize, Instant now) {
    Optional<Job> job = snapshot.job(h.job());
    int from = Math.min(h.runs().size(), (page - 1) * pageSize);
    int to = Math.min(h.runs().size(), from + pageSize);
    List<JobView.Row> rows = new ArrayList<>();
    for (RunRecord r : h.runs().subList(from, to)) {
      var key = r.key();
      rows.add(
          new JobView.Row(
              ChangeQuery.runLine(r, now),
              key.repo(),
              key.change() > 0 ? "#" + key.change() : key.ref(),
              key.change() > 0 ? HomeQuery.changeHref(key.repo(), key.change()) : "",
              h.flaky().contains(r.id())));
    }
    int pages = Math.max(1, (h.runs().size() + pageSize - 1) / pageSize);
    String base = "/jobs/" + h.job() + "?page=";
    var pager =
        new HomeView.Pager(
            page,
            pages,
            h.runs().size(),
            rows.isEmpty() ? 0 : from + 1,
            to,
            page > 1 ? base + (page - 1) : "",
            page < pages ? base + (page + 1) : "");
    return new JobView(
        h.job(),
        job.isPresent(),
        job.map(j -> String.join(", ", j.repos())).orElse(""),
        job.map(j -> String.valueOf(j.source())).orElse(""),
        h.runs().size(),
        h.passed(),
        h.failed(),
        h.errors(),
        h.aborted(),
        h.successRate().map(Format::percent).orElse(""),
        h.p50().map(Format::duration).orElse(""),
        h.p95().map(Format::duration).orElse(""),
        h.flaky().size(),
        rows,
        pager);
  }
}
