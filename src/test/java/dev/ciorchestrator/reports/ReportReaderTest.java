package dev.ciorchestrator.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.JobQuality.Reports;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunResults.FindingCounts;
import dev.ciorchestrator.domain.RunResults.TestCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports read from a real workspace folder after a run. */
class ReportReaderTest {
  @TempDir Path ws;

  private static final String JUNIT =
      "<testsuite name='s'><testcase name='a'/><testcase name='b'><failure message='no'/>"
          + "</testcase></testsuite>";

  @Test
  void readsEveryMatchingFileAndCountsThem() throws Exception {
    write("out/a/junit.xml", JUNIT);
    write("out/b/junit.xml", JUNIT);
    write("out/go.json", "{\"Action\":\"pass\",\"Package\":\"p\",\"Test\":\"TestX\"}\n");
    write("lint.sarif", SarifParserTest.SARIF);
    RunReport report =
        reader().read(ws, new Reports(List.of("out/**/*.xml", "out/*.json"), List.of("*.sarif")));
    assertThat(report.tests()).isEqualTo(new TestCounts(3, 2, 0));
    assertThat(report.findingCounts()).isEqualTo(new FindingCounts(1, 1, 2));
    assertThat(report.problems()).isEmpty();
    RunResults results = report.results(List.of());
    assertThat(results.failedTests()).containsExactly("s.b", "s.b");
    assertThat(results.firstFindings().get(0).where()).isEqualTo("main.go:12");
  }

  @Test
  void aSymlinkedReportIsNotFollowed(@TempDir Path outside) throws Exception {
    Path secret = Files.writeString(outside.resolve("secret.xml"), JUNIT);
    Files.createDirectories(ws.resolve("out"));
    Files.createSymbolicLink(ws.resolve("out/junit.xml"), secret);
    Files.createSymbolicLink(ws.resolve("linked"), outside);
    RunReport report = reader().read(ws, new Reports(List.of("**/*.xml"), List.of()));
    assertThat(report.junit()).isFalse();
    assertThat(report.problems()).containsExactly("no junit report matched **/*.xml");
  }

  @Test
  void filesOverTheCapsAreNamedNotRead() throws Exception {
    write("big.xml", "<testsuite>" + " ".repeat(2000) + "</testsuite>");
    write("a.xml", JUNIT);
    write("b.xml", JUNIT);
    ReportLimits limits = new ReportLimits(1000, 200, 10, 100);
    RunReport report = new ReportReader(limits).read(ws, new Reports(List.of("*.xml"), List.of()));
    assertThat(report.tests()).isEqualTo(new TestCounts(1, 1, 0));
    assertThat(report.problems())
        .containsExactly(
            "b.xml: not read: the run's reports exceed 200 bytes in all",
            "big.xml: is 2023 bytes, more than the limit of 1000 bytes");
  }

  @Test
  void keepsAtMostTheCaseLimitButCountsAll() throws Exception {
    write("a.xml", JUNIT);
    write("b.xml", JUNIT);
    RunReport report =
        new ReportReader(new ReportLimits(1000, 10_000, 10, 3))
            .read(ws, new Reports(List.of("*.xml"), List.of()));
    assertThat(report.tests().total()).isEqualTo(4);
    assertThat(report.cases()).hasSize(3);
  }

  @Test
  void aBrokenFileIsAProblemAndTheOthersStillCount() throws Exception {
    write("a.xml", JUNIT);
    write("b.xml", "<testsuite>");
    RunReport report = reader().read(ws, new Reports(List.of("*.xml"), List.of()));
    assertThat(report.tests()).isEqualTo(new TestCounts(1, 1, 0));
    assertThat(report.problems()).singleElement().asString().startsWith("b.xml: not well-formed");
  }

  @Test
  void noReportsDeclaredMeansNoCountsAtAll() {
    RunReport report = reader().read(ws, Reports.NONE);
    assertThat(report.results(List.of()).nothing()).isTrue();
  }

  private static ReportReader reader() {
    return new ReportReader(ReportLimits.DEFAULT);
  }

  private void write(String path, String content) throws Exception {
    Path file = ws.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
