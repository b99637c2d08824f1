package dev.ciorchestrator.forge.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reads and atomically replaces the local forge's one JSON state file. A write goes to a flushed
 * temporary file in the same folder (a rename is only atomic within one file system), which is then
 * renamed over the state file, and the folder is synced so the rename itself survives a power loss.
 * A crash therefore leaves the old state or the new one, never half of one; a stray temporary file
 * it may leave is never read.
 */
final class StateFile {
  private static final String TEMP_PREFIX = ".tmp-";

  private final Path file;
  private final Path dir;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          // A misspelt field means someone edited the file by hand; say so instead of dropping it.
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  StateFile(Path file) throws IOException {
    this.file = file.toAbsolutePath();
    this.dir = Files.createDirectories(this.file.getParent());
  }

  Path path() {
    return file;
  }

  /**
   * The stored state; empty only when the file does not exist. A damaged file is an error and is
   * never replaced by an empty state: that would silently delete every change.
   */
  ForgeState load() throws IOException {
    if (!Files.exists(file)) {
      return ForgeState.empty();
    }
    ForgeState state;
    try {
      state = json.readValue(file.toFile(), ForgeState.class);
    } catch (IOException | RuntimeException e) {
      throw damaged(e.getMessage(), e);
    }
    if (state == null) {
      throw damaged("no state in file", null);
    }
    if (!state.problems().isEmpty()) {
      throw damaged(String.join("; ", state.problems()), null);
    }
    return state;
  }

  void save(ForgeState state) throws IOException {
    Path temp = Files.createTempFile(dir, TEMP_PREFIX, ".json");
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(json.writeValueAsBytes(state)));
        out.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private IOException damaged(String why, Throwable cause) {
    return new IOException("damaged local forge state file " + file + ": " + why, cause);
  }
}
