package dev.ciorchestrator.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The whole report of each run ({@link RunReport}: every test case and finding up to the limits),
 * one JSON file per run id, written atomically. The run record keeps only counts and highlights;
 * the API serves the lists from here.
 */
public final class ReportStore {
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  public ReportStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    AtomicFiles.sweepOnce(this.dir);
  }

  public void put(String runId, RunReport report) throws IOException {
    AtomicFiles.replace(file(runId), JSON.writeValueAsBytes(report));
  }

  public Optional<RunReport> get(String runId) throws IOException {
    try {
      return Optional.of(JSON.readValue(Files.readAllBytes(file(runId)), RunReport.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private Path file(String runId) {
    if (!RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("not a run id: " + runId);
    }
    return dir.resolve(runId + ".json");
  }
}
