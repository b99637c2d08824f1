package dev.ciorchestrator.cli;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.ConfigSource;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads a folder exactly as the service loads a revision, so what passes here passes there. The
 * folder is read as plain files: it may be a Git working tree with uncommitted edits, or no Git
 * repository at all.
 */
final class FolderLoader {
  private FolderLoader() {}

  /**
   * The folder's snapshot, or empty after printing why there is none: the folder could not be read,
   * or every error of its config.
   */
  static Optional<ConfigSnapshot> snapshot(Path dir, PrintStream err) {
    Optional<LoadResult> result = load(dir, err);
    if (result.isPresent() && result.get() instanceof LoadResult.Failed failed) {
      printErrors(failed, err);
      return Optional.empty();
    }
    return result.map(r -> ((LoadResult.Loaded) r).snapshot());
  }

  /**
   * The snapshot of {@code source}'s revision (a Git revision, or a folder's content), or empty
   * after printing why there is none; {@code what} names it in the messages.
   */
  static Optional<ConfigSnapshot> snapshot(ConfigSource source, String what, PrintStream err) {
    Optional<LoadResult> result = load(source, what, err);
    if (result.isPresent() && result.get() instanceof LoadResult.Failed failed) {
      printErrors(failed, err);
      return Optional.empty();
    }
    return result.map(r -> ((LoadResult.Loaded) r).snapshot());
  }

  private static Optional<LoadResult> load(Path dir, PrintStream err) {
    if (!Files.isDirectory(dir)) {
      err.println("error: " + dir + ": no such folder");
      return Optional.empty();
    }
    return load(new DirectoryConfigSource(dir), dir.toString(), err);
  }

  private static Optional<LoadResult> load(ConfigSource source, String what, PrintStream err) {
    try {
      String revision = source.resolve();
      List<ConfigFile> files = source.read(revision);
      if (files.isEmpty()) {
        // An empty load is valid, but a hook pointed at the wrong folder must not pass silently.
        err.println("error: " + what + ": no *.yaml or *.yml files (dot-folders are skipped)");
        return Optional.empty();
      }
      return Optional.of(new ConfigLoader(CommandEngine.get()).load(revision, files));
    } catch (IOException e) {
      err.println("error: cannot read " + what + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Prints every error, one per line as {@code file:line:col: field: message}, then a count. */
  private static void printErrors(LoadResult.Failed failed, PrintStream err) {
    failed.errors().forEach(e -> err.println(e.format()));
    long files = failed.errors().stream().map(e -> e.position().file()).distinct().count();
    int n = failed.errors().size();
    err.println(
        "invalid: "
            + n
            + (n == 1 ? " error" : " errors")
            + " in "
            + files
            + (files == 1 ? " file" : " files"));
  }
}
