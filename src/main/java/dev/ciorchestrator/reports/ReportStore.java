package dev.ciorchestrator.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The whole report of each run ({@link RunReport}: every test case and finding up to the limits):
 * one JSON file per run id, written atomically, on one computer; with the PostgreSQL store a row of
 * {@code run_reports} ({@code V9__run_reports.sql}), so every replica serves it and a new leader
 * has the reports of the runs the old one ended. The run record keeps only counts and highlights;
 * the API serves the lists from here.
 */
public final class ReportStore {
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the JSON of a report is kept. */
  private interface Shelf {
    void put(String runId, byte[] json) throws IOException;

    Optional<byte[]> get(String runId) throws IOException;
  }

  private final Shelf shelf;

  /** In {@code dir}, one file per run. */
  public ReportStore(Path dir) throws IOException {
    Path folder = Files.createDirectories(dir);
    AtomicFiles.sweepOnce(folder);
    this.shelf =
        new Shelf() {
          @Override
          public void put(String runId, byte[] json) throws IOException {
            AtomicFiles.replace(folder.resolve(runId + ".json"), json);
          }

          @Override
          public Optional<byte[]> get(String runId) throws IOException {
            try {
              return Optional.of(Files.readAllBytes(folder.resolve(runId + ".json")));
            } catch (NoSuchFileException e) {
              return Optional.empty();
            }
          }
        };
  }

  private ReportStore(Shelf shelf) {
    this.shelf = shelf;
  }

  /** In the shared store's {@code run_reports}; a report's run must be in its {@code runs}. */
  public static ReportStore inDatabase(DataSource db) {
    return new ReportStore(new Rows(db));
  }

  public void put(String runId, RunReport report) throws IOException {
    shelf.put(checked(runId), JSON.writeValueAsBytes(report));
  }

  public Optional<RunReport> get(String runId) throws IOException {
    Optional<byte[]> json = shelf.get(checked(runId));
    return json.isEmpty()
        ? Optional.empty()
        : Optional.of(JSON.readValue(json.get(), RunReport.class));
  }

  private static String checked(String runId) {
    if (!RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("not a run id: " + runId);
    }
    return runId;
  }

  private record Rows(DataSource db) implements Shelf {
    @Override
    public void put(String runId, byte[] json) throws IOException {
      try (Connection c = db.getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO run_reports (run_id, report) VALUES (?, ?)"
                      + " ON CONFLICT (run_id) DO UPDATE SET report = EXCLUDED.report")) {
        s.setString(1, runId);
        s.setString(2, new String(json, StandardCharsets.UTF_8));
        s.executeUpdate();
      } catch (SQLException e) {
        throw new IOException("storing the report of run " + runId + ": " + e.getMessage(), e);
      }
    }

    @Override
    public Optional<byte[]> get(String runId) throws IOException {
      try (Connection c = db.getConnection();
          PreparedStatement s =
              c.prepareStatement("SELECT report FROM run_reports WHERE run_id = ?")) {
        s.setString(1, runId);
        try (ResultSet row = s.executeQuery()) {
          return row.next()
              ? Optional.of(row.getString(1).getBytes(StandardCharsets.UTF_8))
              : Optional.empty();
        }
      } catch (SQLException e) {
        throw new IOException("reading the report of run " + runId + ": " + e.getMessage(), e);
      }
    }
  }
}
