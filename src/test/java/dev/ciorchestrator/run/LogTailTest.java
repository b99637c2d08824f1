package dev.ciorchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.process.ProcessSpec;
import dev.ciorchestrator.executor.process.RunningProcess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogTailTest {
  private static final String TEXT = "a€ b😀 c é\n";

  @TempDir Path tmp;

  @Test
  void missingLogIsEmpty() throws Exception {
    assertThat(LogTail.read(tmp.resolve("none.log"), 0, 64))
        .isEqualTo(new LogTail.Chunk("", 0, true));
  }

  @Test
  void readsFromTheOffsetToTheEnd() throws Exception {
    Path log = Files.writeString(tmp.resolve("run.log"), "hello\nworld\n");

    assertThat(LogTail.read(log, 6, 64)).isEqualTo(new LogTail.Chunk("world\n", 12, true));
  }

  @ParameterizedTest(name = "maxBytes {0}")
  @ValueSource(ints = {4, 5, 6, 7, 64})
  void smallChunksNeverSplitACharacter(int maxBytes) throws Exception {
    Path log = Files.writeString(tmp.resolve("run.log"), TEXT);

    assertThat(readAll(log, maxBytes)).isEqualTo(TEXT);
  }

  @Test
  void holdsBackACharacterThatIsHalfWritten() throws Exception {
    byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
    Path log = tmp.resolve("run.log");
    Files.write(log, Arrays.copyOf(emoji, 2));

    LogTail.Chunk first = LogTail.read(log, 0, 64);
    Files.write(log, emoji);
    LogTail.Chunk second = LogTail.read(log, first.nextOffset(), 64);

    assertThat(first).isEqualTo(new LogTail.Chunk("", 0, true));
    assertThat(second).isEqualTo(new LogTail.Chunk("😀", 4, true));
  }

  @Test
  void followsALogWhileTheProcessWritesIt() throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Path log = tmp.resolve("run.log");
    // printf writes each character's bytes in two parts to provoke reads in the middle of one
    String script =
        "for i in 1 2 3 4 5; do printf 'line %s \\xe2\\x82' $i; sleep 0.02; printf '\\xac\\n'; done";
    RunningProcess running =
        new ProcessRunner()
            .start(new ProcessSpec(ws, script, Map.of(), Duration.ofSeconds(5), log));

    StringBuilder seen = new StringBuilder();
    long offset = 0;
    int chunks = 0;
    while (true) {
      boolean finished = running.outcome().isDone();
      LogTail.Chunk chunk = LogTail.read(log, offset, 7);
      seen.append(chunk.text());
      offset = chunk.nextOffset();
      chunks++;
      if (finished && chunk.atEnd()) {
        break;
      }
      Thread.sleep(3);
    }

    assertThat(running.outcome().get(30, TimeUnit.SECONDS).exitCode()).isZero();
    assertThat(seen.toString()).isEqualTo(Files.readString(log)).contains("line 5 €\n");
    assertThat(chunks).isGreaterThan(5);
  }

  private static String readAll(Path log, int maxBytes) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long offset = 0;
    LogTail.Chunk chunk;
    do {
      chunk = LogTail.read(log, offset, maxBytes);
      assertThat(chunk.text()).doesNotContain("\uFFFD");
      bytes.writeBytes(chunk.text().getBytes(StandardCharsets.UTF_8));
      offset = chunk.nextOffset();
    } while (!chunk.atEnd());
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
