package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestCommandTest {
  /** The form CI harnesses read as the project's own test summary; we must never print it. */
  private static final Pattern HARNESS_SUMMARY = Pattern.compile("\\d+ passed, \\d+ failed");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"examples/ci-repo", "policies"})
  void everyShippedPolicyTestPasses(String folder) {
    CliRun run = CliRun.of("test", folder);

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.outLines()).hasSizeGreaterThan(10);
    assertThat(run.outLines().subList(0, run.outLines().size() - 1))
        .allMatch(l -> l.startsWith("PASS "));
    int cases = run.outLines().size() - 1;
    assertThat(run.outLines())
        .last()
        .isEqualTo("policy tests: " + cases + " of " + cases + " cases passed");
  }

  @Test
  void printsOneLinePerCaseNamedByPolicyAndCase() {
    CliRun run = CliRun.of("test", "examples/ci-repo");

    assertThat(run.outLines())
        .contains(
            "PASS require-approval / one approval passes",
            "PASS no-draft / draft stacked on a feature branch",
            "PASS trusted-bots / humans are judged by trust.users");
  }

  @Test
  void aFailingCaseIsReportedAndFailsTheRun() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("config"));
    Files.writeString(
        dir.resolve("policy.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Policy
        name: two-approvals
        type: gate
        repos: ["*"]
        rule: "size(change.approvals) >= 2"
        message: "'needs 2 approvals, has ' + string(size(change.approvals))"
        tests:
          - name: one is enough
            input: {change: {approvals: [alice]}}
            expect: pass
          - name: two pass
            input: {change: {approvals: [alice, bob]}}
            expect: pass
          - name: none fail
            input: {}
            expect: fail
        """);

    CliRun run = CliRun.of("test", dir.toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.outLines())
        .containsExactly(
            "FAIL policy.yaml:9:5: two-approvals / one is enough: expected pass, got fail"
                + " (needs 2 approvals, has 1)",
            "PASS two-approvals / two pass",
            "PASS two-approvals / none fail",
            "policy tests: 2 of 3 cases passed");
    assertThat(run.out()).doesNotContainPattern(HARNESS_SUMMARY);
  }

  @Test
  void aPolicyErrorIsAFailureWhateverTheExpectation() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("config"));
    Files.writeString(
        dir.resolve("policy.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Policy
        name: lint-green
        type: gate
        repos: ["*"]
        rule: "jobs['lint'].status == 'success'"
        tests:
          - name: no lint job at all
            input: {}
            expect: fail
        """);

    CliRun run = CliRun.of("test", dir.toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.outLines().get(0))
        .startsWith(
            "FAIL policy.yaml:8:5: lint-green / no lint job at all: expected fail, got error (");
    assertThat(run.outLines()).last().isEqualTo("policy tests: 0 of 1 case passed");
  }

  @Test
  void noCasesIsNotAFailure() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("config"));
    Files.writeString(
        dir.resolve("repos.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: demo/hello-go
        forge: local
        defaultBranch: main
        """);

    CliRun run = CliRun.of("test", dir.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.outLines()).containsExactly("no policy tests");
  }

  @Test
  void loadErrorsAreReportedInsteadOfTests() throws IOException {
    Path dir = Folders.copy(Path.of("policies"), tmp.resolve("config"));
    Files.writeString(
        dir.resolve("no-draft.yaml"), "apiVersion: ci-orchestrator/v1\nkind: Polcy\n");

    CliRun run = CliRun.of("test", dir.toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).first().asString().startsWith("no-draft.yaml:2:");
  }

  @Test
  void aCopyOutsideAnyGitRepositoryWorks() throws IOException {
    Path copy = Folders.copy(Path.of("policies"), tmp.resolve("plain"));

    CliRun run = CliRun.of("test", copy.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.outLines()).last().asString().endsWith(" cases passed");
  }

  @Test
  void aPolicyLinkedFromOutsideTheFolderNeitherLoadsNorRuns() throws IOException {
    Path dir = Folders.copy(Path.of("policies"), tmp.resolve("config"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.move(dir.resolve("no-draft.yaml"), outside.resolve("no-draft.yaml"));
    Files.createSymbolicLink(dir.resolve("no-draft.yaml"), outside.resolve("no-draft.yaml"));

    CliRun run = CliRun.of("test", dir.toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .first()
        .asString()
        .startsWith("no-draft.yaml:1:1: symbolic link out of the config folder: not followed");
    assertThat(run.err()).doesNotContain("outside").doesNotContain("draft:");
  }
}
