package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maven runs tests in the project folder, so the shipped folders resolve relative to it. */
class ValidateCommandTest {
  @TempDir Path tmp;

  @Test
  void theExampleConfigRepositoryIsValid() {
    CliRun run = CliRun.of("validate", "examples/ci-repo");

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.outLines()).containsExactly("ok: 2 repositories, 17 jobs, 7 policies");
  }

  @Test
  void thePolicyLibraryIsValid() {
    CliRun run = CliRun.of("validate", "policies");

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.outLines()).containsExactly("ok: 0 repositories, 0 jobs, 14 policies");
  }

  @Test
  void aFolderOutsideAnyGitRepositoryWorks() throws IOException {
    Path copy = Folders.copy(Path.of("examples/ci-repo"), tmp.resolve("plain"));

    CliRun run = CliRun.of("validate", copy.toString());

    assertThat(Files.exists(copy.resolve(".git"))).isFalse();
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("ok: 2 repositories, 17 jobs");
  }

  @Test
  void everyErrorIsPrintedWithItsFileLineAndColumn() throws IOException {
    Path copy = Folders.copy(Path.of("examples/ci-repo"), tmp.resolve("broken"));
    Files.writeString(
        copy.resolve("jobs/broken.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: lint
        repos: [demo/hello-go]
        run: make lint
        script: make lint
        ---
        apiVersion: ci-orchestrator/v1
        kind: Policy
        name: veto
        type: veto
        repos: ["*"]
        rule: "true"
        """);

    CliRun run = CliRun.of("validate", copy.toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .anyMatch(line -> line.startsWith("jobs/broken.yaml:6:1: "))
        .anyMatch(line -> line.startsWith("jobs/broken.yaml:11:"))
        .allMatch(
            line ->
                line.matches("jobs/broken\\.yaml:\\d+:\\d+: .+") || line.startsWith("invalid: "));
    assertThat(run.errLines()).last().isEqualTo("invalid: 2 errors in 1 file");
  }

  @Test
  void aMissingFolderIsAClearError() {
    CliRun run = CliRun.of("validate", tmp.resolve("nowhere").toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.err()).startsWith("error: ").contains("nowhere").contains("no such folder");
  }

  @Test
  void aFolderWithoutConfigFilesIsAnError() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty/.github"));
    Files.writeString(dir.resolve("ci.yaml"), "on: push\n");

    CliRun run = CliRun.of("validate", tmp.resolve("empty").toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.err()).contains("no *.yaml or *.yml files");
  }

  @Test
  void aFileIsNotAFolder() throws IOException {
    Path file = Files.writeString(tmp.resolve("repos.yaml"), "kind: Repository\n");

    CliRun run = CliRun.of("validate", file.toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.err()).contains("no such folder");
  }

  @Test
  void aLinkOutOfTheFolderIsAnErrorThatShowsNothingOfItsTarget() throws IOException {
    Path copy = Folders.copy(Path.of("examples/ci-repo"), tmp.resolve("linked"));
    Path outside = Files.writeString(tmp.resolve("planted.yaml"), "# PLANTED-MARKER\nkind: Job\n");
    Files.createSymbolicLink(copy.resolve("passwd.yaml"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(copy.resolve("jobs/planted.yaml"), outside);

    CliRun run = CliRun.of("validate", copy.toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .containsExactly(
            "jobs/planted.yaml:1:1: symbolic link out of the config folder: not followed (config"
                + " files are read only from inside the folder, and its target is not shown); copy"
                + " the file into the folder",
            "passwd.yaml:1:1: symbolic link out of the config folder: not followed (config files"
                + " are read only from inside the folder, and its target is not shown); copy the"
                + " file into the folder",
            "invalid: 2 errors in 2 files");
    Files.delete(copy.resolve("passwd.yaml")); // JUnit warns about links out of its folder
    Files.delete(copy.resolve("jobs/planted.yaml"));
  }
}
