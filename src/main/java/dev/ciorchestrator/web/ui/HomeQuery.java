package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.reconcile.ChangeBoard;
import dev.ciorchestrator.reconcile.JobDecision;
import dev.ciorchestrator.reconcile.ReconcileLoop.RepoStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the home page from what the loop published ({@link ChangeBoard}): one slice of the open
 * changes, so a page costs the same with 10 or 10,000 of them.
 */
public final class HomeQuery {
  private HomeQuery() {}

  /**
   * @param repositories the configured repositories, in config order
   * @param passes the loop's last pass over each repository
   * @param filter one repository's name, or empty for all
   * @param page 1-based
   * @param runningRevision the config revision running now
   */
  public static HomeView build(
      ChangeBoard board,
      List<Repository> repositories,
      Map<String, RepoStatus> passes,
      String filter,
      int page,
      int pageSize,
      String runningRevision,
      boolean follower) {
    List<String> names =
        repositories.stream()
            .map(Repository::name)
            .filter(n -> filter.isEmpty() || n.equals(filter))
            .sorted()
            .toList();
    ChangeBoard.Slice slice = board.slice(names, (page - 1) * pageSize, pageSize);
    List<HomeView.ChangeRow> rows = new ArrayList<>();
    String previous = null;
    for (ChangeBoard.Entry e : slice.entries()) {
      rows.add(row(e, !e.repo().equals(previous), runningRevision));
      previous = e.repo();
    }
    List<HomeView.RepoLine> repos =
        repositories.stream()
            .sorted((a, b) -> a.name().compareTo(b.name()))
            .map(r -> repo(r, board.count(r.name()), passes.get(r.name())))
            .toList();
    String base = filter.isEmpty() ? "/" : repoHref(filter);
    return new HomeView(repos, rows, pager(page, pageSize, slice, base), filter, follower);
  }

  /** Whether {@code repo} is on the embedded forge, where the UI can act for a user. */
  static boolean embedded(ConfigSnapshot snapshot, String repo) {
    return snapshot
        .repository(repo)
        .map(Repository::forge)
        .map(LocalForge.ID::equals)
        .orElse(false);
  }

  static String repoHref(String repo) {
    return "/repos/" + repo;
  }

  static String changeHref(String repo, long number) {
    return repoHref(repo) + "/changes/" + number;
  }

  private static HomeView.RepoLine repo(Repository r, int open, RepoStatus pass) {
    return new HomeView.RepoLine(
        r.name(),
        repoHref(r.name()),
        r.forge(),
        open,
        pass == null ? "" : Format.time(pass.at()),
        pass == null ? "" : pass.error());
  }

  static HomeView.ChangeRow row(ChangeBoard.Entry e, boolean first, String runningRevision) {
    var change = e.plan().change();
    var gate = e.plan().gate();
    return new HomeView.ChangeRow(
        e.repo(),
        first,
        e.number(),
        changeHref(e.repo(), e.number()),
        change.title(),
        change.author(),
        change.headRef(),
        change.baseRef(),
        Format.sha(change.headSha()),
        change.headSha(),
        jobs(e),
        Badge.gate(gate.pass()),
        gate.pass() ? "all checks pass" : gate.summary(),
        Format.sha(e.configRevision()),
        e.configRevision(),
        !runningRevision.isEmpty() && !runningRevision.equals(e.configRevision()),
        Format.time(e.plannedAt()));
  }

  /** Jobs that are due or ran on the head, as the forge's statuses show them. */
  static List<HomeView.JobCell> jobs(ChangeBoard.Entry e) {
    List<HomeView.JobCell> cells = new ArrayList<>();
    for (JobDecision j : e.plan().jobs()) {
      RunRecord run = e.latest().get(j.job());
      if (run != null) {
        cells.add(
            new HomeView.JobCell(
                j.job(), Badge.of(run.state()), "/runs/" + run.id(), j.required()));
      } else if (j.due()) {
        cells.add(new HomeView.JobCell(j.job(), Badge.of(j.status()), "", j.required()));
      }
    }
    return cells;
  }

  private static HomeView.Pager pager(
      int page, int pageSize, ChangeBoard.Slice slice, String base) {
    int pages = Math.max(1, (slice.total() + pageSize - 1) / pageSize);
    int first = slice.entries().isEmpty() ? 0 : (page - 1) * pageSize + 1;
    int last = first == 0 ? 0 : first + slice.entries().size() - 1;
    String prev = page > 1 ? base + "?page=" + (page - 1) : "";
    String next = page < pages ? base + "?page=" + (page + 1) : "";
    return new HomeView.Pager(page, pages, slice.total(), first, last, prev, next);
  }
}
