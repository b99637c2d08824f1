package dev.ciorchestrator.forge.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and atomically replaces ({@link AtomicFiles}) the local forge's one JSON state file. A
 * crash leaves the old state or the new one, never half of one; a stray temporary file it may leave
 * is never read, and is swept when the file is opened again.
 */
final class StateFile {
  private final Path file;
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
    Files.createDirectories(this.file.getParent());
    AtomicFiles.sweepOnce(this.file.getParent());
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
    return state.upgraded();
  }

  void save(ForgeState state) throws IOException {
    AtomicFiles.replace(file, json.writeValueAsBytes(state));
  }

  private IOException damaged(String why, Throwable cause) {
    return new IOException("damaged local forge state file " + file + ": " + why, cause);
  }
}
