package dev.ciorchestrator.web.ui;

import java.util.List;

/**
 * A job's history page.
 *
 * @param configured the job is in the running config ({@code repos}, {@code source} say more)
 * @param rate the success rate ({@code 97 %}); empty before any run passed or failed
 * @param rows one page of its runs, newest first
 */
public record JobView(
    String job,
    boolean configured,
    String repos,
    String source,
    int total,
    int passed,
    int failed,
    int errors,
    int aborted,
    String rate,
    String p50,
    String p95,
    int flaky,
    List<Row> rows,
    HomeView.Pager pager) {
  public JobView {
    rows = List.copyOf(rows);
  }

  /** One run in the history; {@code flaky}: a later attempt on the same head passed. */
  public record Row(
      ChangeView.RunLine run, String repo, String target, String targetHref, boolean flaky) {}
}
