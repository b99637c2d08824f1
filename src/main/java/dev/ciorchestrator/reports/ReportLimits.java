package dev.ciorchestrator.reports;

/**
 * Bounds on reading one run's reports: they are written by the job, so they may be huge.
 *
 * @param fileBytes a larger report file is not read (a problem names it)
 * @param runBytes report files beyond this total are not read
 * @param files most report files read per run
 * @param cases most test cases and most findings kept per run (counts stay exact)
 */
public record ReportLimits(long fileBytes, long runBytes, int files, int cases) {
  public static final ReportLimits DEFAULT = new ReportLimits(16L << 20, 64L << 20, 100, 50_000);

  /** Entries of the workspace looked at while matching the globs. */
  static final int WALK_ENTRIES = 200_000;
}
