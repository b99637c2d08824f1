package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pod upload}'s own errors; its work is tested in {@code KubernetesUploadTest}. */
class PodCommandTest {
  @TempDir Path tmp;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(List<String> args, Map<String, String> env) {
    return PodCommand.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void aMissingVariableIsNamedAndBecomesTheTerminationMessage() throws Exception {
    Path message = tmp.resolve("termination-log");
    int code = run(List.of("upload"), Map.of("CI_POD_MESSAGE", message.toString()));

    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("upload failed: the environment variable CI_UPLOAD_WAIT is not set");
    assertThat(Files.readString(message)).contains("CI_UPLOAD_WAIT is not set");
  }

  @Test
  void aPlanThatIsNotJsonIsNamed() {
    int code =
        run(
            List.of("upload"),
            Map.of(
                "CI_UPLOAD_WAIT", "60",
                "CI_UPLOAD_PLAN", "{nope",
                "CI_POD_MESSAGE", tmp.resolve("m").toString()));

    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("CI_UPLOAD_PLAN is not an upload plan");
  }

  @Test
  void anUnknownUtilityIsAUsageErrorNamingTheUtilities() {
    assertThat(run(List.of(), Map.of())).isEqualTo(Cli.USAGE);
    assertThat(run(List.of("download"), Map.of())).isEqualTo(Cli.USAGE);
    assertThat(run(List.of("upload", "now"), Map.of())).isEqualTo(Cli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("pod upload, pod fetch, pod cache restore|save")
        .contains("pod upload takes no arguments");
  }

  @Test
  void fetchNamesAMissingVariableInItsTerminationMessage() throws Exception {
    Path message = tmp.resolve("termination-log");
    int code =
        run(List.of("fetch"), Map.of("CI_UPLOAD_WAIT", "60", "CI_POD_MESSAGE", message.toString()));

    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(Files.readString(message))
        .isEqualTo("fetch failed: the environment variable CI_UPLOAD_URL is not set");
    assertThat(run(List.of("fetch", "now"), Map.of())).isEqualTo(Cli.USAGE);
  }

  @Test
  void fetchGivesUpOnAnUnreachableControllerAtTheDeadlineNamingIt() throws Exception {
    Path message = tmp.resolve("termination-log");
    int code =
        run(
            List.of("fetch"),
            Map.of(
                "CI_UPLOAD_URL", "http://127.0.0.1:1",
                "CI_UPLOAD_RUN", "test-pr1-0123456789ab",
                "CI_UPLOAD_TOKEN", "t",
                "CI_UPLOAD_WAIT", "0",
                "CI_FETCH_INTO", tmp.resolve("in").toString(),
                "CI_POD_MESSAGE", message.toString()));

    assertThat(code).isEqualTo(Cli.FAILED);
    assertThat(Files.readString(message))
        .startsWith("fetch failed: cannot reach http://127.0.0.1:1");
  }
}
