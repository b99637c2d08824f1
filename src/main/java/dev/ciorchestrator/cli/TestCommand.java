package dev.ciorchestrator.cli;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.testing.PolicyTestResult;
import dev.ciorchestrator.config.testing.PolicyTestRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code test <dir>}: loads the folder like {@code validate}, then runs every policy's test cases.
 * The summary line deliberately avoids the {@code N passed, N failed} form, which CI harnesses read
 * as the result of the project's own test runner.
 */
final class TestCommand {
  private TestCommand() {}

  static int run(Path dir, PrintStream out, PrintStream err) {
    Optional<ConfigSnapshot> snapshot = FolderLoader.snapshot(dir, err);
    if (snapshot.isEmpty()) {
      return Cli.FAILED;
    }
    List<PolicyTestResult> results = PolicyTestRunner.run(snapshot.get());
    if (results.isEmpty()) {
      out.println("no policy tests");
      return Cli.OK;
    }
    results.forEach(r -> out.println(line(r)));
    long passed = results.stream().filter(PolicyTestResult::passed).count();
    out.println(
        "policy tests: "
            + passed
            + " of "
            + results.size()
            + (results.size() == 1 ? " case passed" : " cases passed"));
    return passed == results.size() ? Cli.OK : Cli.FAILED;
  }

  /** A failure starts with where its case is written, in the form editors and CI logs link to. */
  private static String line(PolicyTestResult r) {
    String name = r.policy() + " / " + r.testCase();
    return r.passed() ? "PASS " + name : "FAIL " + r.source() + ": " + name + ": " + r.mismatch();
  }
}
