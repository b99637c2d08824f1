package dev.ciorchestrator.bench;

import dev.ciorchestrator.artifact.ArtifactShelf;
import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.artifact.PostgresShelf;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * What the artifact store's home costs (issue 12): a run of {@code files} files and {@code totalMb}
 * MB (then four times the bytes) collected into the store on disk and into the store shared in
 * PostgreSQL, then, for the database, read on another replica (every file copied to its folder and
 * checked, as a download or a job below does after a failover). Run it in a small heap ({@code
 * -Xmx64m}): the peak must stay flat as the bytes grow. Args: {@code [files] [totalMb]}, default
 * {@code 100 200}; needs PostgreSQL 15 (the tests' server, {@code fsync=off}, on loopback).
 */
public final class SharedArtifactsBench {
  /**
   * Held: once the JDK's logger finder falls back to JBoss LogManager (outside Quarkus, without its
   * configuration), every level is loggable, and the driver would render each 1 MiB chunk into a
   * FINEST message. The service's logging (Quarkus, INFO) never asks for it.
   */
  private static final java.util.logging.Logger DRIVER =
      java.util.logging.Logger.getLogger("org.postgresql");

  private SharedArtifactsBench() {}

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int totalMb = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    try (PostgresServer server = PostgresServer.start()) {
      System.out.println(
          "| store | files | MB | collect s | MB/s | other replica reads s | peak heap MB |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (int mb : new int[] {totalMb, totalMb * 4}) {
        for (boolean database : new boolean[] {false, true}) {
          Path dir = Files.createTempDirectory("shared-artifacts-bench-");
          try {
            DataSource db = null;
            if (database) {
              db = PostgresServer.dataSource(server.newDatabase());
              Flyway.configure()
                  .dataSource(db)
                  .locations("classpath:db/migration")
                  .load()
                  .migrate();
            }
            round(dir, db, files, mb);
          } finally {
            try (var walk = Files.walk(dir)) {
              walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
          }
        }
      }
    }
  }

  private static void round(Path dir, DataSource db, int files, int mb) throws Exception {
    DRIVER.setLevel(java.util.logging.Level.INFO);
    SupplyBench.write(dir.resolve("ws"), files, (long) mb * 1024 * 1024);
    System.gc();
    SupplyBench.resetPeaks();
    long t0 = System.nanoTime();
    List<Manifest.Entry> collected =
        store(dir.resolve("leader"), db).collect("bench", dir.resolve("ws"), List.of("*")).files();
    long t1 = System.nanoTime();
    String reads = "–";
    if (db != null) {
      ArtifactStore other = store(dir.resolve("other"), db);
      for (Manifest.Entry e : collected) {
        other.file(e); // copied from the database into its folder, checked against the digest
      }
      reads = "%.2f".formatted((System.nanoTime() - t1) / 1e9);
    }
    double seconds = (t1 - t0) / 1e9;
    System.out.printf(
        "| %s | %d | %d | %.2f | %.0f | %s | %.1f |%n",
        db == null ? "disk" : "database",
        files,
        mb,
        seconds,
        mb / seconds,
        reads,
        SupplyBench.peakHeap() / 1048576.0);
  }

  private static ArtifactStore store(Path dir, DataSource db) {
    Clock clock = Clock.systemUTC();
    ArtifactShelf shelf = db == null ? null : new PostgresShelf(db, WriteFence.open(), clock);
    return new ArtifactStore(
        dir,
        shelf,
        new ArtifactStore.Limits(Long.MAX_VALUE, Long.MAX_VALUE, Duration.ofDays(1)),
        clock);
  }
}
