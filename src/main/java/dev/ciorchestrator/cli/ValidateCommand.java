package dev.ciorchestrator.cli;

import dev.ciorchestrator.config.model.LoadResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code validate <dir>}: every problem of the folder at once, each where an editor can jump to.
 */
final class ValidateCommand {
  private ValidateCommand() {}

  static int run(Path dir, PrintStream out, PrintStream err) {
    Optional<LoadResult> result = FolderLoader.load(dir, err);
    if (result.isEmpty()) {
      return Cli.FAILED;
    }
    if (result.get() instanceof LoadResult.Failed failed) {
      FolderLoader.printErrors(failed, err);
      return Cli.FAILED;
    }
    LoadResult.Loaded loaded = (LoadResult.Loaded) result.get();
    out.println("ok: " + loaded.snapshot().summary());
    return Cli.OK;
  }
}
