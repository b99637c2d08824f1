package dev.ciorchestrator.web.ui;

import java.util.List;

/**
 * The home page: every configured repository, and one page of their open changes, each with its
 * jobs at head and why it does not merge.
 *
 * @param filter the one repository shown; empty for all
 * @param follower this replica does not reconcile, so it knows no changes
 */
public record HomeView(
    List<RepoLine> repos, List<ChangeRow> rows, Pager pager, String filter, boolean follower) {
  public HomeView {
    repos = List.copyOf(repos);
    rows = List.copyOf(rows);
  }

  /**
   * A configured repository.
   *
   * @param lastPass when the loop last went over it; empty if it has not yet
   * @param error why its last pass failed; empty if it did not
   */
  public record RepoLine(
      String name, String href, String forge, int open, String lastPass, String error) {}

  /**
   * One open change.
   *
   * @param firstOfRepo the first row of its repository on this page (a heading goes above it)
   * @param why the gate in one line: every failing policy with its message, or what passed
   * @param configSha the config revision the decision used
   * @param stale that revision is not the one running now (the change was not planned since)
   */
  public record ChangeRow(
      String repo,
      boolean firstOfRepo,
      long number,
      String href,
      String title,
      String author,
      String source,
      String target,
      String head,
      String headSha,
      List<JobCell> jobs,
      Badge gate,
      String why,
      String config,
      String configSha,
      boolean stale,
      String planned) {
    public ChangeRow {
      jobs = List.copyOf(jobs);
    }
  }

  /** A job's state at the change's head; {@code href} is its run's page, empty without a run. */
  public record JobCell(String job, Badge badge, String href, boolean required) {}

  /**
   * Where this page is among all.
   *
   * @param first the 1-based position of the first row, 0 on an empty page
   * @param prev the previous page's link; empty on the first
   * @param next the next page's link; empty on the last
   */
  public record Pager(
      int page, int pages, int total, int first, int last, String prev, String next) {}
}
