package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageTest {
  @ParameterizedTest
  @ValueSource(strings = {"help", "--help", "-h"})
  void helpPrintsUsageAndSucceeds(String flag) {
    CliRun run = CliRun.of(flag);

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith("usage: ci-orchestrator")
        .contains("validate <dir>", "test <dir>");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliRun run = CliRun.of("deploy", "now");

    assertThat(run.exit()).isEqualTo(Cli.USAGE);
    assertThat(run.errLines()).first().isEqualTo("ci-orchestrator: unknown command 'deploy'");
    assertThat(run.err()).contains("usage: ci-orchestrator");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void noArgumentsInProcessIsAUsageError() {
    assertThat(CliRun.of().exit()).isEqualTo(Cli.USAGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "test"})
  void aFolderIsRequired(String command) {
    CliRun run = CliRun.of(command);

    assertThat(run.exit()).isEqualTo(Cli.USAGE);
    assertThat(run.err()).startsWith("ci-orchestrator: " + command + " takes exactly one folder");
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "test"})
  void onlyOneFolderIsAccepted(String command) {
    assertThat(CliRun.of(command, "a", "b").exit()).isEqualTo(Cli.USAGE);
  }

  @Test
  void anOptionIsNotMistakenForAFolder() {
    assertThat(CliRun.of("validate", "--strict").exit()).isEqualTo(Cli.USAGE);
  }

  @Test
  void serveAndNoArgumentsStartTheService() {
    assertThat(Cli.startsService(new String[0])).isTrue();
    assertThat(Cli.startsService(new String[] {"serve"})).isTrue();
    assertThat(Cli.startsService(new String[] {"validate", "."})).isFalse();
    assertThat(Cli.startsService(new String[] {"help"})).isFalse();
  }
}
