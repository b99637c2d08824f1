package dev.ciorchestrator.supply.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.process.ProcessOutcome;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.process.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job never gets the signing key: it is not in the job's environment (the runner passes only
 * PATH, HOME, LANG, TMPDIR and the job's own variables) and not in its workspace. A job dumps both.
 */
class KeyIsolationTest {
  @TempDir Path dir;

  @Test
  void aJobSeesNeitherTheKeyNorWhereItIs() throws Exception {
    Path signing = dir.resolve("state/signing");
    SigningKeys.load(Optional.empty(), signing);
    String pem = Files.readString(signing.resolve(SigningKeys.GENERATED));
    String body = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    Files.writeString(workspace.resolve("main.c"), "int main(void) { return 0; }\n");
    Path log = dir.resolve("logs/run.log");

    ProcessOutcome outcome =
        new ProcessRunner()
            .start(
                new ProcessSpec(
                    workspace,
                    "env\nfind . -type f -exec cat {} +\n",
                    Map.of("CI", "true"),
                    Duration.ofMinutes(1),
                    log))
            .outcome()
            .get(60, TimeUnit.SECONDS);

    String seen = Files.readString(log);
    assertThat(outcome.exitCode()).as(seen).isZero();
    assertThat(seen).contains("PATH=").contains("int main(void)");
    assertThat(seen)
        .doesNotContain(body)
        .doesNotContain("PRIVATE KEY")
        .doesNotContain(signing.toString())
        .doesNotContain("ci.signing");
  }
}
