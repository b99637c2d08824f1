package dev.ciorchestrator.run.file;

import dev.ciorchestrator.reports.ReportStore;
import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.RunStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The run store contract against the embedded default: records and logs in files. */
class FileStoreContractTest extends RunStoreContract {
  @TempDir Path tmp;
  private Path dir;

  @Override
  protected RunStore fresh() throws Exception {
    dir = Files.createTempDirectory(tmp, "store");
    return another();
  }

  @Override
  protected RunStore another() throws Exception {
    Path logDir = dir.resolve("logs");
    return new FileRunStore(
        dir.resolve("records"),
        id -> List.of(logDir.resolve(id + ".log"), dir.resolve("reports").resolve(id + ".json")));
  }

  @Override
  protected ReportStore reports() throws Exception {
    return new ReportStore(dir.resolve("reports"));
  }

  @Override
  protected RunLogs logs() {
    Path logDir = dir.resolve("logs");
    return new FileRunLogs(id -> logDir.resolve(id + ".log"));
  }
}
