package dev.ciorchestrator.web.ui;

import java.util.List;

/**
 * A run's page: what ran, why, where, how it ended, and its log.
 *
 * @param target {@code #12} for a change's run, else the pushed ref or schedule slot
 * @param targetHref the change's page; empty for other runs
 * @param live the run has not ended: the log follows (with JavaScript) and the state updates
 */
public record RunView(
    String id,
    String job,
    String repo,
    String target,
    String targetHref,
    String head,
    String base,
    int attempt,
    String config,
    String configSha,
    String trigger,
    String causedBy,
    String requestId,
    Badge badge,
    boolean live,
    String queued,
    String started,
    String finished,
    String took,
    String executor,
    String message,
    LogView log) {

  /**
   * The part of the log this page shows.
   *
   * @param numbered the window starts at the log's start, so lines carry their numbers ({@code
   *     #L120}); otherwise each line is addressed by its byte offset ({@code #B4096})
   * @param end the byte offset the live log follows from
   * @param earlierHref the page with the window before this one; empty at the log's start
   * @param size the log's size in bytes when read, for people ({@code 1.2 MiB})
   */
  public record LogView(
      List<LineView> lines,
      boolean numbered,
      long start,
      long end,
      String earlierHref,
      String size,
      String shown) {
    public LogView {
      lines = List.copyOf(lines);
    }
  }

  /** One log line: its anchor id ({@code L12} or {@code B4096}), its label, its styled text. */
  public record LineView(String id, String label, List<Ansi.Span> spans) {
    public LineView {
      spans = List.copyOf(spans);
    }
  }
}
