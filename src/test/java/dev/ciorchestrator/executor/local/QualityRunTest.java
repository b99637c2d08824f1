package dev.ciorchestrator.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.cache.CacheEvents;
import dev.ciorchestrator.cache.CacheService;
import dev.ciorchestrator.cache.CacheStore;
import dev.ciorchestrator.cache.Eviction;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults.TestCounts;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.quality.QualityHooks;
import dev.ciorchestrator.reports.ReportLimits;
import dev.ciorchestrator.reports.ReportReader;
import dev.ciorchestrator.reports.ReportStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports and caches around real bash runs of the process executor. */
class QualityRunTest {
  @TempDir Path tmp;
  private LocalRuns runs;
  private LocalExecutor executor;
  private ReportStore reports;

  @BeforeEach
  void setUp() throws Exception {
    runs = new LocalRuns(tmp);
    reports = new ReportStore(tmp.resolve("reports"));
    executor = runs.executor(runs.files, hooks());
  }

  /** The service's hooks over this test's folders; a restarted executor gets new ones. */
  private QualityHooks hooks() throws Exception {
    CacheStore store = new CacheStore(tmp.resolve("caches"), Clock.systemUTC());
    CacheService caches =
        new CacheService(
            store,
            new Eviction(store, Clock.systemUTC()),
            CacheEvents.NONE,
            1L << 30,
            Duration.ofDays(7));
    return new QualityHooks(
        caches, new ReportReader(ReportLimits.DEFAULT), reports, tmp.resolve("in-flight"));
  }

  @AfterEach
  void tearDown() {
    executor.close();
    runs.close();
  }

  /** Counts its runs in an env cache and reports one test named after the count. */
  private static final String COUNTING =
      """
      mkdir -p out
      n=$(cat "$COUNTER/n" 2>/dev/null || echo 0)
      echo $((n + 1)) > "$COUNTER/n"
      echo "<testsuite name='s'><testcase name='run$n'/></testsuite>" > out/junit.xml
      """;

  @Test
  void theSecondRunFindsTheFirstRunsCacheAndEachRecordHasItsTests() throws Exception {
    Job job = job(COUNTING);
    RunRecord first = run(RunKey.forChange(LocalRuns.REPO, 1, runs.head, "q", 1), job);
    RunRecord second = run(RunKey.forChange(LocalRuns.REPO, 2, runs.head, "q", 1), job);
    assertThat(first.state()).isEqualTo(RunState.SUCCESS);
    assertThat(first.results().tests()).isEqualTo(new TestCounts(1, 0, 0));
    assertThat(reports.get(first.id()).orElseThrow().cases().get(0).name()).isEqualTo("run0");
    assertThat(reports.get(second.id()).orElseThrow().cases().get(0).name()).isEqualTo("run1");
  }

  @Test
  void aTestThatFailedThenPassedOnTheRetestIsFlaky() throws Exception {
    String flipping =
        """
        mkdir -p out
        if [ -e "%s" ]; then result=""; else touch "%s"; result="<failure message='once'/>"; fi
        echo "<testsuite name='s'><testcase name='ok'/><testcase name='flip'>$result</testcase></testsuite>" > out/junit.xml
        [ -z "$result" ]
        """
            .formatted(runs.ledger(), runs.ledger());
    Job job = job(flipping);
    RunKey key = RunKey.forChange(LocalRuns.REPO, 3, runs.head, "q", 1);
    RunRecord failed = run(key, job);
    assertThat(failed.state()).isEqualTo(RunState.FAILURE);
    assertThat(failed.results().failedTests()).containsExactly("s.flip");
    assertThat(failed.results().tests()).isEqualTo(new TestCounts(1, 1, 0));
    RunRecord retest = run(key.withAttempt(2), job);
    assertThat(retest.state()).isEqualTo(RunState.SUCCESS);
    assertThat(retest.results().flakyTests()).containsExactly("s.flip");
    assertThat(retest.results().failedTests()).isEmpty();
  }

  @Test
  void aRunAdoptedAfterARestartHasItsReportsReadAndItsCachesSaved() throws Exception {
    Path go = tmp.resolve("go");
    // counts in its cache like COUNTING, but only once the test says go
    Job job =
        job(
            "touch "
                + runs.ledger()
                + "\nwhile [ ! -f "
                + go
                + " ]; do sleep 0.02; done\n"
                + COUNTING);
    RunRecord started = runs.pending(5, job);
    executor.start(started, new RunSpec(job, runs.git.dir(), "main", runs.head, true));
    runs.awaitLedger(); // the job itself runs, not only its record
    executor.close(); // the orchestrator dies; the job goes on under its supervisor
    executor = runs.executor(runs.files, hooks());
    Files.createFile(go);

    RunRecord adopted = runs.done(started);
    assertThat(adopted.state()).isEqualTo(RunState.SUCCESS);
    assertThat(adopted.results().tests()).isEqualTo(new TestCounts(1, 0, 0));
    assertThat(reports.get(adopted.id()).orElseThrow().cases().get(0).name()).isEqualTo("run0");
    assertThat(tmp.resolve("in-flight")).isEmptyDirectory();

    // the adopter saved the cache the first executor restored: the next run counts on from it
    RunRecord next = run(RunKey.forChange(LocalRuns.REPO, 5, runs.head, "q", 2), job(COUNTING));
    assertThat(reports.get(next.id()).orElseThrow().cases().get(0).name()).isEqualTo("run1");
  }

  @Test
  void aJobWithoutReportsHasNoResults() throws Exception {
    RunRecord plain =
        run(
            RunKey.forChange(LocalRuns.REPO, 4, runs.head, "plain", 1),
            Jobs.job("plain", "echo hi"));
    assertThat(plain.results().nothing()).isTrue();
  }

  private RunRecord run(RunKey key, Job job) throws Exception {
    RunRecord pending = TestRuns.pending(key, LocalRuns.T0);
    assertThat(runs.files.create(pending)).isTrue();
    executor.start(pending, new RunSpec(job, runs.git.dir(), "main", runs.head, true));
    return runs.done(pending);
  }

  private static Job job(String script) {
    Job j = Jobs.job("q", script, 0, Duration.ofSeconds(30), Map.of());
    return Jobs.withQuality(
        j,
        new JobQuality(
            JobQuality.Tier.UNIT,
            new JobQuality.Reports(List.of("out/*.xml"), List.of()),
            List.of(new JobQuality.Cache("counter", "", "COUNTER", List.of()))));
  }
}
