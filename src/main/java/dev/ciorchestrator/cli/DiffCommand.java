package dev.ciorchestrator.cli;

import dev.ciorchestrator.config.diff.ConfigDiff;
import dev.ciorchestrator.config.diff.ConfigDiffer;
import dev.ciorchestrator.config.diff.DiffText;
import dev.ciorchestrator.config.diff.Relaxations;
import dev.ciorchestrator.config.loading.ConfigSource;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.loading.GitConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.testing.PolicyTestResult;
import dev.ciorchestrator.config.testing.PolicyTestRunner;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code diff <old> <new> [--repo <path>] [--path <folder>]}: the effective config diff the service
 * shows on a change to the config repository, from the command line. Each operand is a folder, or
 * else a Git revision of {@code --repo} (default: the current folder) read at {@code --path}:
 * {@code diff main HEAD} in a hook, {@code diff HEAD ci/} for uncommitted edits. Exits 1 when the
 * new config is invalid or one of its policy tests fails, as {@code ci/config} fails; the diff
 * itself is information.
 */
final class DiffCommand {
  private DiffCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    DiffOptions options;
    try {
      options = DiffOptions.parse(args);
    } catch (IllegalArgumentException e) {
      return Cli.usageError(err, e.getMessage());
    }
    Optional<ConfigSnapshot> before = load(options, options.oldSide(), err);
    if (before.isEmpty()) {
      err.println("error: the old config (" + options.oldSide() + ") does not load");
      return Cli.FAILED;
    }
    Optional<ConfigSnapshot> after = load(options, options.newSide(), err);
    if (after.isEmpty()) {
      return Cli.FAILED;
    }
    ConfigDiff diff = ConfigDiffer.diff(before.get(), after.get());
    DiffText.lines(diff).forEach(out::println);
    List<String> relaxed = Relaxations.of(before.get(), after.get(), diff);
    if (!relaxed.isEmpty()) {
      out.println("relaxes a gate or trust policy:");
      relaxed.forEach(r -> out.println("  " + r));
    }
    out.println(diff.summary());
    return tests(after.get(), err);
  }

  /** The new config's policy tests run too: a failing one fails the diff, as on a change. */
  private static int tests(ConfigSnapshot snapshot, PrintStream err) {
    List<PolicyTestResult> failed =
        PolicyTestRunner.run(snapshot).stream().filter(r -> !r.passed()).toList();
    failed.forEach(
        r ->
            err.println(
                "FAIL "
                    + r.source()
                    + ": "
                    + r.policy()
                    + " / "
                    + r.testCase()
                    + ": "
                    + r.mismatch()));
    return failed.isEmpty() ? Cli.OK : Cli.FAILED;
  }

  private static Optional<ConfigSnapshot> load(DiffOptions options, String side, PrintStream err) {
    Path folder = Path.of(side);
    if (Files.isDirectory(folder)) {
      return FolderLoader.snapshot(new DirectoryConfigSource(folder), side, err);
    }
    List<Closeable> opened = new ArrayList<>();
    try {
      ConfigSource source = open(options, side, opened);
      return FolderLoader.snapshot(source, source.describe(), err);
    } catch (IOException | RuntimeException e) {
      err.println(
          "error: "
              + side
              + " is neither a folder nor a revision of "
              + options.repo()
              + ": "
              + e.getMessage());
      return Optional.empty();
    } finally {
      opened.forEach(DiffCommand::close);
    }
  }

  private static ConfigSource open(DiffOptions options, String revision, List<Closeable> opened)
      throws IOException {
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "ci-orchestrator", "git-cache");
    GitConfigSource source = new GitConfigSource(options.repo(), revision, options.path(), cache);
    opened.add(source);
    return source;
  }

  private static void close(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing was written through it
    }
  }
}
