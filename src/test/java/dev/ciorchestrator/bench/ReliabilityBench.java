package dev.ciorchestrator.bench;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.e2e.CrashLab;
import dev.ciorchestrator.e2e.RunLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The tester's experiment of issue 11, repeated on the packaged service: {@code changes} open
 * changes with three jobs each (they write a ledger and sleep), and the service killed ({@code kill
 * -9}) and stopped (SIGTERM) in turn, {@code interruptions} times, each after a random time up,
 * then started again; at the end it runs until every run has ended. Reports duplicate executions,
 * lost results and job processes left after graceful stops (targets: 0, 0, 0).
 *
 * <p>Needs {@code target/quarkus-app/quarkus-run.jar} ({@code ./mvnw -DskipTests package}). Args:
 * {@code [changes] [interruptions] [seed]}, default {@code 50 16 11}.
 */
public final class ReliabilityBench {
  private static final double JOB_SECONDS = 2;
  private static final int MAX_CONCURRENCY = 4;
  private static final int RETRIES = 3;

  private ReliabilityBench() {}

  public static void main(String[] args) throws Exception {
    int changes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int interruptions = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    Random random = new Random(args.length > 2 ? Long.parseLong(args[2]) : 11);
    Path dir = Files.createTempDirectory("reliability-bench-");
    long started = System.nanoTime();
    int kills = 0;
    int stops = 0;
    int orphansAfterKills = 0;
    int leftAfterStops = 0;
    try (CrashLab lab =
        CrashLab.create(
            dir, changes, JOB_SECONDS, MAX_CONCURRENCY, RETRIES, Duration.ofMillis(500))) {
      lab.service().start();
      for (int n = 1; n <= changes; n++) {
        lab.open(n);
      }
      for (int i = 0; i < interruptions; i++) {
        Thread.sleep(1500 + random.nextInt(2500));
        if (i % 2 == 0) {
          lab.service().kill();
          kills++;
          orphansAfterKills += lab.runProcesses().size();
        } else {
          lab.service().stop();
          stops++;
          leftAfterStops += lab.runProcesses().size();
        }
        lab.service().start();
      }
      lab.service().waitFor("every run has ended", () -> settled(lab));
      lab.service().stop();
      stops++;
      leftAfterStops += lab.runProcesses().size();
      report(lab, changes, kills, stops, orphansAfterKills, leftAfterStops, started);
    }
    System.exit(0);
  }

  /** No run pending or running, twice in a row a second apart (a retry may be about to start). */
  private static boolean settled(CrashLab lab) {
    try {
      if (lab.records().stream().anyMatch(r -> !r.state().terminal())) {
        return false;
      }
      Thread.sleep(1000);
      return lab.records().stream().allMatch(r -> r.state().terminal());
    } catch (Exception e) {
      return false;
    }
  }

  private static void report(
      CrashLab lab,
      int changes,
      int kills,
      int stops,
      int orphansAfterKills,
      int leftAfterStops,
      long started)
      throws Exception {
    List<RunLedger.Execution> executions = lab.ledger().executions();
    List<RunRecord> records = lab.records();
    Map<String, Long> states =
        new TreeMap<>(
            records.stream()
                .collect(Collectors.groupingBy(r -> r.state().wire(), Collectors.counting())));
    long stoppedByService =
        records.stream()
            .filter(
                r -> r.state() == RunState.ERROR && r.message().startsWith("the service stopped"))
            .count();
    List<String> duplicates = lab.duplicates();
    List<String> lost = lab.lostResults();
    System.out.printf(
        "| changes × jobs | kill -9 | SIGTERM | executions | runs by final state | errors from a"
            + " stop | duplicate executions | lost results | job processes left after SIGTERM |"
            + " wall s |%n");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    System.out.printf(
        "| %d × %d | %d | %d | %d | %s | %d | %d | %d | %d | %.0f |%n",
        changes,
        CrashLab.JOBS.size(),
        kills,
        stops,
        executions.size(),
        states,
        stoppedByService,
        duplicates.size(),
        lost.size(),
        leftAfterStops,
        (System.nanoTime() - started) / 1e9);
    System.out.printf(
        "(job processes found alive right after the kills, going on under their supervisors: %d)%n",
        orphansAfterKills);
    duplicates.forEach(d -> System.out.println("duplicate: " + d));
    lost.forEach(l -> System.out.println("lost: " + l));
  }
}
