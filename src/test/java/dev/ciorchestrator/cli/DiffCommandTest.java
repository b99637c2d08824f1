package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diff <old> <new>}: folders and Git revisions, the same diff and exit code as a change. */
class DiffCommandTest {
  private static final Path EXAMPLE = Path.of("examples/ci-repo");

  @TempDir Path dir;

  @Test
  void twoFoldersPrintTheEffectiveDiffAndSucceed() throws Exception {
    Path old = Folders.copy(EXAMPLE, dir.resolve("old"));
    Path changed = Folders.copy(EXAMPLE, dir.resolve("new"));
    Path jobs = changed.resolve("jobs/go.yaml");
    Files.writeString(jobs, Files.readString(jobs).replaceFirst("timeout: \\S+", "timeout: 45m"));

    CliRun run = CliRun.of("diff", old.toString(), changed.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.outLines())
        // the first job of go.yaml that sets its own timeout (recipe jobs may not)
        .anyMatch(l -> l.matches("Job go-[a-z-]+: changed"))
        .anyMatch(l -> l.startsWith("  timeout: ") && l.endsWith(" → 45m"));
    assertThat(run.outLines()).last().isEqualTo("1 job changed");
  }

  @Test
  void theSameConfigIsNoDifference() {
    CliRun run = CliRun.of("diff", EXAMPLE.toString(), EXAMPLE.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.outLines()).containsExactly("no difference");
  }

  @Test
  void anInvalidNewConfigFailsWithEveryErrorAtItsFileLineAndColumn() throws Exception {
    Path changed = Folders.copy(EXAMPLE, dir.resolve("new"));
    Files.writeString(
        changed.resolve("broken.yaml"), "apiVersion: ci-orchestrator/v1\nkind: Job\nname: x\n");

    CliRun run = CliRun.of("diff", EXAMPLE.toString(), changed.toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.errLines())
        .anyMatch(l -> l.startsWith("broken.yaml:1:1: ") || l.startsWith("broken.yaml:3:"));
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aFailingPolicyTestOfTheNewConfigFailsTheDiffAfterPrintingIt() throws Exception {
    Path changed = Folders.copy(EXAMPLE, dir.resolve("new"));
    Files.writeString(
        changed.resolve("strict.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Policy
        name: strict
        type: gate
        rule: "false"
        tests:
          - name: wrongly expects a pass
            input: {}
            expect: pass
        """);

    CliRun run = CliRun.of("diff", EXAMPLE.toString(), changed.toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.outLines()).contains("Policy strict: added");
    assertThat(run.errLines())
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith("FAIL strict.yaml:7:")
                    .contains("strict / wrongly expects a pass"));
  }

  @Test
  void gitRevisionsOfARepositoryAtAPathAndTheRelaxationsThemselves() throws Exception {
    Path repo = dir.resolve("repo");
    Folders.copy(EXAMPLE, repo.resolve("ci"));
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("config").setSign(false).call();
      for (Path p : Files.list(repo.resolve("ci/policies")).toList()) {
        if (Files.readString(p).contains("type: gate")) {
          Files.delete(p);
          git.rm().addFilepattern(repo.relativize(p).toString()).call();
          break;
        }
      }
      git.commit().setMessage("drop a gate").setSign(false).call();
    }

    CliRun run = CliRun.of("diff", "HEAD~1", "HEAD", "--repo", repo.toString(), "--path", "ci");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.outLines()).anyMatch(l -> l.startsWith("Policy ") && l.endsWith(": removed"));
    assertThat(run.outLines())
        .contains("relaxes a gate or trust policy:")
        .anyMatch(l -> l.startsWith("  gate policy `") && l.endsWith("` removed"));
  }

  @Test
  void anUnknownRevisionOrAWrongCommandLineIsSaidClearly() {
    CliRun unknown = CliRun.of("diff", "no-such-rev", EXAMPLE.toString(), "--repo", dir.toString());
    assertThat(unknown.exit()).isEqualTo(Cli.FAILED);
    assertThat(unknown.err()).contains("no-such-rev is neither a folder nor a revision of");

    assertThat(CliRun.of("diff", "one").exit()).isEqualTo(Cli.USAGE);
    assertThat(CliRun.of("diff", "a", "b", "--color").err())
        .startsWith("ci-orchestrator: diff: unknown option '--color'");
    assertThat(CliRun.of("diff", "a", "b", "--repo").err())
        .startsWith("ci-orchestrator: diff: --repo needs a value");
  }
}
