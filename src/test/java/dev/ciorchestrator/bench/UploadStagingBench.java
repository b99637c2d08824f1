package dev.ciorchestrator.bench;

import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.testing.PostgresServer;
import dev.ciorchestrator.upload.PostgresUploadStaging;
import dev.ciorchestrator.upload.RunUploads;
import dev.ciorchestrator.upload.StagedRun;
import dev.ciorchestrator.upload.UploadStaging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * What staging a pod's upload costs the controller, on disk ({@code RunUploads}) and in a real
 * PostgreSQL ({@code PostgresUploadStaging}, issue 12): a run's files arrive in the sidecar's 256
 * KiB chunks ({@code append}), are written out for the take-in ({@code staged}) and deleted, for
 * runs of 16 and 64 MiB in files of 4 MiB.
 */
public final class UploadStagingBench {
  private static final int CHUNK = 256 * 1024;
  private static final int FILE = 4 << 20;
  private static final int ROUNDS = 3;

  private UploadStagingBench() {}

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("upload-staging-bench");
    DataSource db =
        ThreadConnections.of(PostgresServer.dataSource(PostgresServer.shared().newDatabase()));
    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    UploadStaging disk = new RunUploads(tmp.resolve("disk"), 1L << 30);
    UploadStaging pg =
        new PostgresUploadStaging(db, WriteFence.open(), tmp.resolve("pg"), 1L << 30);
    System.out.println("| staging | run size | append (median) | write-out (median) | MB/s in |");
    System.out.println("|---|---|---|---|---|");
    for (int mib : new int[] {16, 64}) {
      measure("disk", disk, mib);
      measure("PostgreSQL", pg, mib);
    }
  }

  private static void measure(String kind, UploadStaging staging, int mib) throws Exception {
    byte[] chunk = new byte[CHUNK];
    new Random(7).nextBytes(chunk);
    double[] in = new double[ROUNDS];
    double[] out = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      String run = "bench-" + mib + "-" + r;
      long t0 = System.nanoTime();
      for (int f = 0; f < (mib << 20) / FILE; f++) {
        for (long at = 0; at < FILE; at += CHUNK) {
          staging.append(run, "bin/f" + f, at, chunk);
        }
      }
      staging.finish(run, new StagedRun.Done(0, ""));
      long t1 = System.nanoTime();
      staging.staged(run);
      long t2 = System.nanoTime();
      staging.delete(run);
      in[r] = (t1 - t0) / 1e6;
      out[r] = (t2 - t1) / 1e6;
    }
    java.util.Arrays.sort(in);
    java.util.Arrays.sort(out);
    double median = in[ROUNDS / 2];
    System.out.printf(
        "| %s | %d MiB | %.0f ms | %.0f ms | %.0f |%n",
        kind, mib, median, out[ROUNDS / 2], mib * 1.048576 / (median / 1000));
  }
}
