package dev.ciorchestrator.reports;

import dev.ciorchestrator.config.model.JobQuality.Reports;
import dev.ciorchestrator.domain.RunResults.Finding;
import dev.ciorchestrator.domain.RunResults.FindingCounts;
import dev.ciorchestrator.domain.RunResults.TestCounts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the reports a run left in its workspace after it ended. Only regular files reached without
 * following a symbolic link are read (a job could point a report at the orchestrator's own files),
 * each up to {@link ReportLimits#fileBytes()}, all up to {@link ReportLimits#runBytes()}. A file
 * that cannot be read becomes a problem of the run; it never fails the run by itself.
 */
public final class ReportReader {
  private final ReportLimits limits;

  public ReportReader(ReportLimits limits) {
    this.limits = limits;
  }

  /**
   * The files {@link #read} would read for {@code reports}, JUnit ones first: what a Kubernetes
   * run's sidecar uploads, so the controller reads the same files.
   */
  public List<Path> select(Path workspace, Reports reports, List<String> problems) {
    WorkspaceFiles files = WorkspaceFiles.matching(workspace, problems);
    List<Path> all = new ArrayList<>(files.match(reports.junit(), limits.files(), problems));
    all.addAll(files.match(reports.sarif(), limits.files(), problems));
    return all;
  }

  public RunReport read(Path workspace, Reports reports) {
    if (reports.isEmpty()) {
      return RunReport.EMPTY;
    }
    List<String> problems = new ArrayList<>();
    Budget budget = new Budget(limits.runBytes());
    WorkspaceFiles files = WorkspaceFiles.matching(workspace, problems);
    List<Path> junit = files.match(reports.junit(), limits.files(), problems);
    List<Path> sarif = files.match(reports.sarif(), limits.files(), problems);
    List<TestCase> cases = new ArrayList<>();
    TestCounts tests = new TestCounts(0, 0, 0);
    int junitRead = 0;
    for (Path file : junit) {
      try {
        byte[] content = content(workspace, file, budget);
        List<TestCase> more =
            GoTestJson.looksLikeIt(content)
                ? GoTestJson.parse(content)
                : JunitParser.parse(content);
        tests = add(tests, RunReport.count(more));
        keep(cases, more);
        junitRead++;
      } catch (ReportException e) {
        problems.add(workspace.relativize(file) + ": " + e.getMessage());
      }
    }
    List<Finding> findings = new ArrayList<>();
    FindingCounts counts = new FindingCounts(0, 0, 0);
    int sarifRead = 0;
    for (Path file : sarif) {
      try {
        List<Finding> more = SarifParser.parse(content(workspace, file, budget));
        counts = add(counts, RunReport.countFindings(more));
        keep(findings, more);
        sarifRead++;
      } catch (ReportException e) {
        problems.add(workspace.relativize(file) + ": " + e.getMessage());
      }
    }
    missing(reports.junit(), junit, "junit", problems);
    missing(reports.sarif(), sarif, "sarif", problems);
    return new RunReport(junitRead > 0, tests, cases, sarifRead > 0, counts, findings, problems);
  }

  private <T> void keep(List<T> kept, List<T> more) {
    int room = Math.max(0, limits.cases() - kept.size());
    kept.addAll(more.subList(0, Math.min(room, more.size())));
  }

  private static void missing(List<String> globs, List<Path> found, String kind, List<String> out) {
    if (!globs.isEmpty() && found.isEmpty()) {
      out.add("no " + kind + " report matched " + String.join(", ", globs));
    }
  }

  private byte[] content(Path workspace, Path file, Budget budget) throws ReportException {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new ReportException("not a regular file");
      }
      long size = Files.size(file);
      if (size > limits.fileBytes()) {
        throw new ReportException(
            "is " + size + " bytes, more than the limit of " + limits.fileBytes() + " bytes");
      }
      if (!budget.take(size)) {
        throw new ReportException(
            "not read: the run's reports exceed " + limits.runBytes() + " bytes in all");
      }
      try (InputStream in =
          Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        // the file may have grown since its size was read: never read past the cap
        byte[] bytes = in.readNBytes((int) limits.fileBytes() + 1);
        if (bytes.length > limits.fileBytes()) {
          throw new ReportException("grew past the limit of " + limits.fileBytes() + " bytes");
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new ReportException("cannot be read: " + e.getMessage(), e);
    }
  }

  private static TestCounts add(TestCounts a, TestCounts b) {
    return new TestCounts(
        a.passed() + b.passed(), a.failed() + b.failed(), a.skipped() + b.skipped());
  }

  private static FindingCounts add(FindingCounts a, FindingCounts b) {
    return new FindingCounts(a.error() + b.error(), a.warning() + b.warning(), a.note() + b.note());
  }

  /** Bytes still allowed for this run's reports. */
  private static final class Budget {
    private long left;

    Budget(long total) {
      this.left = total;
    }

    boolean take(long bytes) {
      if (bytes > left) {
        return false;
      }
      left -= bytes;
      return true;
    }
  }
}
