package dev.ciorchestrator.cli;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code validate <dir>}: every problem of the folder at once, each where an editor can jump to.
 */
final class ValidateCommand {
  private ValidateCommand() {}

  static int run(Path dir, PrintStream out, PrintStream err) {
    Optional<ConfigSnapshot> snapshot = FolderLoader.snapshot(dir, err);
    snapshot.ifPresent(s -> out.println("ok: " + s.summary()));
    return snapshot.isPresent() ? Cli.OK : Cli.FAILED;
  }
}
