package dev.ciorchestrator.run.file;

import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.RunStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
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
    return new FileRunStore(dir.resolve("records"), id -> logDir.resolve(id + ".log"));
  }

  @Override
  protected RunLogs logs() {
    Path logDir = dir.resolve("logs");
    return new FileRunLogs(id -> logDir.resolve(id + ".log"));
  }
}
