package dev.ciorchestrator.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file the crash tests' jobs append to, outside every workspace: {@code start <job> <change>
 * <sha> <runId> <pid> <nanos>} when a job starts, {@code end <job> <change> <sha> <runId> <pid>
 * <exit|stopped> <nanos>} when it ends (a stopped job writes its end from its SIGTERM trap).
 */
public final class RunLedger {
  /**
   * One execution of a job, as the ledger saw it.
   *
   * @param end empty while it runs, or if it was killed without a chance to write
   */
  public record Execution(
      String job,
      String change,
      String sha,
      String runId,
      long pid,
      long startNanos,
      String end,
      long endNanos) {
    String task() {
      return job + " #" + change + " @" + sha;
    }

    boolean ended() {
      return !end.isEmpty();
    }
  }

  private final Path file;

  public RunLedger(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** The job script that writes this ledger, sleeping {@code seconds} as its work. */
  public String script(double seconds) {
    return """
        key="$JOB_NAME $CHANGE $HEAD_SHA $RUN_ID $$"
        echo "start $key $(date +%s%N)" >> LEDGER
        trap 'echo "end $key stopped $(date +%s%N)" >> LEDGER; exit 143' TERM
        sleep SECONDS & wait $!
        echo "end $key 0 $(date +%s%N)" >> LEDGER
        """
        .replace("LEDGER", "'" + file + "'")
        .replace("SECONDS", Double.toString(seconds));
  }

  /** Every execution so far, in start order; a run id started twice appears twice. */
  public List<Execution> executions() throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<Execution> started = new ArrayList<>();
    Map<String, String[]> ends = new HashMap<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f[0].equals("start") && f.length == 7) {
        started.add(
            new Execution(
                f[1], f[2], f[3], f[4], Long.parseLong(f[5]), Long.parseLong(f[6]), "", 0));
      } else if (f[0].equals("end") && f.length == 8) {
        ends.put(f[4] + " " + f[5], f);
      }
    }
    List<Execution> all = new ArrayList<>();
    for (Execution e : started) {
      String[] end = ends.get(e.runId() + " " + e.pid());
      all.add(
          end == null
              ? e
              : new Execution(
                  e.job(),
                  e.change(),
                  e.sha(),
                  e.runId(),
                  e.pid(),
                  e.startNanos(),
                  end[6],
                  Long.parseLong(end[7])));
    }
    return all;
  }

  /**
   * Executions that overlapped another one of the same job on the same change and head (a retry
   * beside the old attempt), or repeated a run id (a run started twice): each as "a / b".
   *
   * @param recordedEnds by run id, when its record says it ended (epoch nanoseconds): an execution
   *     killed before it could write its end (SIGKILL) was gone by then, as the executor records a
   *     stopped run only once its processes are gone; one with neither counts as never ending
   */
  public List<String> duplicates(Map<String, Long> recordedEnds) throws IOException {
    Map<String, List<Execution>> byTask = new LinkedHashMap<>();
    for (Execution e : executions()) {
      byTask.computeIfAbsent(e.task(), t -> new ArrayList<>()).add(e);
    }
    List<String> found = new ArrayList<>();
    for (List<Execution> runs : byTask.values()) {
      for (int i = 0; i < runs.size(); i++) {
        for (int j = i + 1; j < runs.size(); j++) {
          Execution a = runs.get(i);
          Execution b = runs.get(j);
          if (a.runId().equals(b.runId()) || overlap(a, b, recordedEnds)) {
            found.add(a + " / " + b);
          }
        }
      }
    }
    return found;
  }

  private static boolean overlap(Execution a, Execution b, Map<String, Long> recordedEnds) {
    long aEnd = end(a, recordedEnds);
    long bEnd = end(b, recordedEnds);
    return a.startNanos() < bEnd && b.startNanos() < aEnd;
  }

  private static long end(Execution e, Map<String, Long> recordedEnds) {
    return e.ended() ? e.endNanos() : recordedEnds.getOrDefault(e.runId(), Long.MAX_VALUE);
  }
}
