package dev.ciorchestrator.cli;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.file.FileControllerMemory;
import dev.ciorchestrator.run.file.FileDeliveryStore;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import dev.ciorchestrator.run.postgres.PostgresControllerMemory;
import dev.ciorchestrator.run.postgres.PostgresDeliveryStore;
import dev.ciorchestrator.run.postgres.PostgresRunLogs;
import dev.ciorchestrator.run.postgres.PostgresRunStore;
import dev.ciorchestrator.run.postgres.PostgresWatermarks;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code import-store <folder> --url <jdbc-url> [--user <name>]}: copies a file store (the
 * service's {@code .ci-orchestrator/} folder: {@code runs/records}, {@code runs/logs}, {@code
 * watermarks.json}, {@code memory.json}, {@code callbacks.json}) into the PostgreSQL store, so a
 * deployment moves to {@code ci.store.kind=postgres} without forgetting its runs. The password
 * comes from {@code PGPASSWORD}. Safe to repeat: a run already in the database is kept as it is,
 * with its log.
 */
final class ImportStoreCommand {
  private static final int PIECE = 1 << 20;

  private ImportStoreCommand() {}

  static int run(List<String> operands, PrintStream out, PrintStream err) {
    if (operands.size() < 3 || operands.get(0).startsWith("-")) {
      err.println("ci-orchestrator: import-store <folder> --url <jdbc-url> [--user <name>]");
      return Cli.USAGE;
    }
    Path dir = Path.of(operands.get(0));
    Optional<String> url = option(operands, "--url");
    if (url.isEmpty()) {
      err.println("ci-orchestrator: import-store needs --url jdbc:postgresql://host:port/db");
      return Cli.USAGE;
    }
    PGSimpleDataSource db = new PGSimpleDataSource();
    db.setUrl(url.get());
    option(operands, "--user").ifPresent(db::setUser);
    Optional.ofNullable(System.getenv("PGPASSWORD")).ifPresent(db::setPassword);
    try {
      if (!hasSchema(db)) {
        err.println(
            "ci-orchestrator: "
                + url.get()
                + " has no run store schema: start the service once with ci.store.kind=postgres"
                + " on it (it creates the schema), then import");
        return Cli.FAILED;
      }
      copy(dir, db, out);
      return Cli.OK;
    } catch (IOException | SQLException | RuntimeException e) {
      err.println("ci-orchestrator: import-store failed: " + e.getMessage());
      return Cli.FAILED;
    }
  }

  private static void copy(Path dir, PGSimpleDataSource db, PrintStream out) throws IOException {
    PostgresRunStore runs = new PostgresRunStore(db);
    PostgresRunLogs logs = new PostgresRunLogs(db, Long.MAX_VALUE);
    int created = 0;
    int logged = 0;
    List<RunRecord> records = new FileRunStore(dir.resolve("runs/records")).all();
    for (RunRecord r : records) {
      if (runs.create(r)) {
        created++;
      }
      if (logs.shippedBytes(r.id()) == 0 && copyLog(dir, r.id(), logs)) {
        logged++;
      }
    }
    FileWatermarks files = new FileWatermarks(dir.resolve("watermarks.json"));
    PostgresWatermarks marks = new PostgresWatermarks(db);
    for (String repo : files.repos()) {
      marks.save(repo, files.branches(repo).orElse(Map.of()), files.schedules(repo));
    }
    int remembered =
        new FileControllerMemory(dir.resolve("memory.json"), WriteFence.open())
            .book()
            .copyTo(new PostgresControllerMemory(db, WriteFence.open()));
    List<DeliveryStore.Stored> queued =
        new FileDeliveryStore(dir.resolve("callbacks.json"), WriteFence.open()).all();
    PostgresDeliveryStore deliveries = new PostgresDeliveryStore(db, WriteFence.open());
    for (DeliveryStore.Stored d : queued) {
      deliveries.add(d, Integer.MAX_VALUE); // an id already there is kept as it is
    }
    out.printf(
        "imported %d of %d runs (the others were there already), %d logs, watermarks of %d"
            + " repositories, the memory of %d changes, %d queued callbacks%n",
        created, records.size(), logged, files.repos().size(), remembered, queued.size());
  }

  private static boolean copyLog(Path dir, String id, PostgresRunLogs logs) throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve("runs/logs").resolve(id + ".log"))) {
      boolean any = false;
      for (byte[] piece = in.readNBytes(PIECE); piece.length > 0; piece = in.readNBytes(PIECE)) {
        logs.append(id, piece);
        any = true;
      }
      return any;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static boolean hasSchema(PGSimpleDataSource db) throws SQLException {
    try (Connection c = db.getConnection();
        ResultSet r = c.getMetaData().getTables(null, null, "runs", null)) {
      return r.next();
    }
  }

  private static Optional<String> option(List<String> operands, String name) {
    int at = operands.indexOf(name);
    return at > 0 && at + 1 < operands.size()
        ? Optional.of(operands.get(at + 1))
        : Optional.empty();
  }
}
