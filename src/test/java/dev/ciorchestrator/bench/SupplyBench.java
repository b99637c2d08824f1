package dev.ciorchestrator.bench;

import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.supply.RunFacts;
import dev.ciorchestrator.supply.chain.SupplyChain;
import dev.ciorchestrator.supply.sign.SigningKey;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Collection into the artifact store (copy + digest, as after a run) + SBOM + provenance + one
 * minisign signature per file for {@code files} files of {@code totalMb} MB in all (random bytes,
 * plus one real ELF binary, so the ELF reader and dpkg run too), then the same with four times the
 * bytes: the time grows with the bytes, the heap must not. Args: {@code [files] [totalMb]}, default
 * {@code 100 200}. Run it with a small heap ({@code -Xmx64m}) to see that nothing holds a file in
 * memory.
 */
public final class SupplyBench {
  private SupplyBench() {}

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int totalMb = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    System.out.println(
        "| files | MB | collect s | SBOM s | provenance + signatures s | peak heap MB |");
    System.out.println("|---|---|---|---|---|---|");
    for (int mb : new int[] {totalMb, totalMb * 4}) {
      Path dir = Files.createTempDirectory("supply-bench-");
      try {
        round(dir, files, mb);
      } finally {
        try (var walk = Files.walk(dir)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static void round(Path dir, int files, int mb) throws Exception {
    write(dir.resolve("ws"), files, (long) mb * 1024 * 1024);
    System.gc();
    resetPeaks();
    long t0 = System.nanoTime();
    ArtifactStore store =
        new ArtifactStore(
            dir.resolve("store"),
            new ArtifactStore.Limits(Long.MAX_VALUE, Long.MAX_VALUE, Duration.ofDays(1)),
            Clock.systemUTC());
    List<Manifest.Entry> artifacts =
        store.collect("bench", dir.resolve("ws"), List.of("*")).files();
    long t1 = System.nanoTime();
    RunFacts run =
        new RunFacts(
            "bench",
            "acme/bench",
            "",
            0,
            "refs/heads/main",
            "0".repeat(40),
            "",
            "build",
            "push",
            "bench",
            "c0ffee",
            "process",
            "",
            "",
            Instant.now(),
            Instant.now(),
            List.of());
    SupplyChain chain =
        new SupplyChain(SigningKey.generate(), "http://localhost:8080", Clock.systemUTC());
    Path ws = dir.resolve("ws");
    chain.produce(
        run, artifacts, store, ws, new SupplyChain.Wanted(true, false), dir.resolve("out"));
    long t2 = System.nanoTime();
    chain.produce(
        run, artifacts, store, ws, new SupplyChain.Wanted(false, true), dir.resolve("out"));
    long t3 = System.nanoTime();
    System.out.printf(
        "| %d | %d | %.2f | %.2f | %.2f | %.1f |%n",
        files, mb, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, peakHeap() / 1048576.0);
  }

  static List<Path> write(Path ws, int files, long bytes) throws Exception {
    Files.createDirectories(ws);
    List<Path> paths = new ArrayList<>();
    paths.add(Files.copy(Path.of("/bin/bash"), ws.resolve("bash")));
    Random random = new Random(7);
    byte[] chunk = new byte[1024 * 1024];
    long each = bytes / (files - 1);
    for (int i = 1; i < files; i++) {
      Path p = ws.resolve("file-" + i + ".bin");
      try (OutputStream out = Files.newOutputStream(p)) {
        for (long left = each; left > 0; left -= chunk.length) {
          random.nextBytes(chunk);
          out.write(chunk, 0, (int) Math.min(left, chunk.length));
        }
      }
      paths.add(p);
    }
    return paths;
  }

  static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
