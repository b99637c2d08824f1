package dev.ciorchestrator.upload;

import dev.ciorchestrator.run.WriteFence;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The staging contract on disk, the file store's ({@link RunUploads}). */
class RunUploadsContractTest extends UploadStagingContract {
  @TempDir Path tmp;

  @Override
  protected UploadStaging fresh(WriteFence fence) {
    return another(fence);
  }

  @Override
  protected UploadStaging another(WriteFence fence) {
    return new RunUploads(tmp.resolve("uploads"), QUOTA);
  }
}
