package dev.ciorchestrator.bench;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.kubernetes.KubeHarness;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.run.file.FileRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.util.FileUtils;

/**
 * Issue 4: start 1,000 runs against the mock API server (fabric8's CRUD mock, in this JVM, with the
 * fake kubelet giving every Job a running pod without running anything). Reports the time until all
 * 1,000 Jobs are created and until all 1,000 records are {@code running}, and this JVM's memory
 * with the 1,000 runs followed.
 */
public final class KubernetesStartBench {
  static final int RUNS = 1_000;

  private KubernetesStartBench() {}

  static Job job() {
    return new Job(
        "unit",
        List.of("bench/app"),
        new Job.Triggers(null, null, null, "/test unit"),
        null,
        true,
        "golang:1.23",
        "go test ./...",
        Map.of(),
        Duration.ofMinutes(20),
        0,
        new Job.Resources("500m", "512Mi"),
        0,
        null,
        List.of(),
        SourcePosition.ofFile("jobs.yaml"));
  }

  static List<RunRecord> pending(FileRunStore store, int n) throws Exception {
    List<RunRecord> runs = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      RunRecord run =
          new RunRecord(
              RunKey.forChange("bench/app", i, "%040x".formatted(i), "unit", 1),
              RunState.PENDING,
              Trigger.PULL_REQUEST,
              "alice",
              "",
              "",
              "cfg",
              Instant.now(),
              null,
              null,
              "");
      store.create(run);
      runs.add(run);
    }
    return runs;
  }

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("kube-start-bench");
    try {
      FileRunStore store = new FileRunStore(tmp.resolve("records"));
      List<RunRecord> runs = pending(store, RUNS);
      CountDownLatch running = new CountDownLatch(RUNS);
      try (KubeHarness kube =
          new KubeHarness(
              tmp,
              store,
              new JobSlots(),
              r -> {
                if (r.state() == RunState.RUNNING) {
                  running.countDown();
                }
              },
              Duration.ofMinutes(10))) {
        kube.kubelet.runScripts(false);
        kube.executor().synced().get(30, TimeUnit.SECONDS);
        RunSpec spec = new RunSpec(job(), tmp, "main", null);
        long start = System.nanoTime();
        for (RunRecord run : runs) {
          kube.executor().start(run, new RunSpec(spec.job(), tmp, "main", run.key().sha()));
        }
        long queued = System.nanoTime();
        while (kube.api.jobCreates() < RUNS) {
          Thread.sleep(5);
        }
        long created = System.nanoTime();
        if (!running.await(10, TimeUnit.MINUTES)) {
          throw new IllegalStateException("only " + (RUNS - running.getCount()) + " runs started");
        }
        long allRunning = System.nanoTime();
        System.gc();
        long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        System.out.printf(
            "| start() of %d runs returns | %.0f ms |%n", RUNS, (queued - start) / 1e6);
        System.out.printf("| all %d Jobs created | %.0f ms |%n", RUNS, (created - start) / 1e6);
        System.out.printf(
            "| all %d records running (pods seen by the informer) | %.0f ms |%n",
            RUNS, (allRunning - start) / 1e6);
        System.out.printf(
            "| memory of this JVM (mock server + fake kubelet + executor) | RSS %d MiB · heap used %d MiB after GC |%n",
            LoopBenchSetup.rssMiB(), heap);
      }
    } finally {
      FileUtils.delete(tmp.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
    }
    System.exit(0); // the mock server's Vert.x threads would keep the JVM alive
  }
}
