package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.local.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code validate} and {@code run} on jobs that use recipes: the run is the expanded job, and a
 * parameter reaches the script only as data, whatever shell syntax its value holds.
 */
class RecipeRunTest {
  static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: demo/app
      forge: local
      defaultBranch: main
      ---
      apiVersion: ci-orchestrator/v1
      kind: Recipe
      name: acme/echo
      params:
        msg: {required: true}
        style: {default: plain, allowed: [plain, loud]}
      run: |
        printf 'msg=[%s] style=[%s]\\n' "$PARAM_MSG" "$PARAM_STYLE"
        set -f
        printf 'word=[%s]\\n' $PARAM_MSG
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: echo
      repos: [demo/app]
      uses: acme/echo
      with:
        msg: VALUE
      """;

  @TempDir Path tmp;
  GitRepo git;
  Path config;
  Path marker;

  @BeforeEach
  void setUp() throws Exception {
    git = GitRepo.init(tmp.resolve("app"));
    git.write("README.md", "hello\n").commit("root");
    config = Files.createDirectories(tmp.resolve("ci"));
    marker = tmp.resolve("pwned");
  }

  @AfterEach
  void close() {
    git.close();
  }

  static Stream<String> injections() {
    return Stream.of(
        "$(touch MARKER)",
        "`touch MARKER`",
        "x; touch MARKER",
        "x && touch MARKER #",
        "a\ntouch MARKER",
        "it's \"quoted\" $(touch MARKER)'",
        "${IFS}touch${IFS}MARKER",
        "*");
  }

  @ParameterizedTest
  @MethodSource("injections")
  void aParameterValueIsDataNeverCode(String attempt) throws Exception {
    String value = attempt.replace("MARKER", marker.toString());
    writeConfig(value);

    CliRun run = run("echo");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(marker).doesNotExist();
    assertThat(run.out()).contains("msg=[" + value + "] style=[plain]");
    for (String word : value.split("[ \t\n]+")) {
      if (!word.isEmpty()) {
        assertThat(run.out()).contains("word=[" + word + "]");
      }
    }
  }

  @Test
  void validateExpandsRecipesAndNamesTheirErrors() throws Exception {
    writeConfig("hi");
    assertThat(CliRun.of("validate", config.toString()).exit()).isZero();

    Files.writeString(
        config.resolve("ci.yaml"),
        Files.readString(config.resolve("ci.yaml"))
            .replace("\n  msg: |-", "\n  style: shout\n  mgs: |-"));
    CliRun invalid = CliRun.of("validate", config.toString());

    assertThat(invalid.exit()).isEqualTo(Cli.FAILED);
    assertThat(invalid.errLines())
        .containsExactly(
            "ci.yaml:22:7: with: missing required parameter 'msg' of recipe 'acme/echo'",
            "ci.yaml:24:10: with.style: value 'shout' is not allowed for parameter 'style'"
                + " (allowed: plain, loud)",
            "ci.yaml:25:3: with.mgs: unknown parameter 'mgs' for recipe 'acme/echo' (it declares"
                + " msg, style) (did you mean 'msg'?)",
            "invalid: 3 errors in 1 file");
  }

  private void writeConfig(String value) throws Exception {
    // A literal block keeps every character of the value, newlines included.
    String block =
        "|-\n" + value.lines().map(l -> "      " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    Files.writeString(config.resolve("ci.yaml"), CONFIG.replace("VALUE", block));
  }

  private CliRun run(String job) {
    return CliRun.of(
        "run", job, "--ref", "main", "--repo", git.dir().toString(), "--config", config.toString());
  }
}
