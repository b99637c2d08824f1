package dev.ciorchestrator.run.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ciorchestrator.persist.AtomicFiles;
import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.MemoryBook;
import dev.ciorchestrator.run.RunJson;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@link ControllerMemory} in one JSON file, replaced atomically on every change and kept in
 * memory, like the watermarks: a crash leaves the old or the new content, never half. Writes are
 * rare (a served command, a refused merge), so rewriting the whole file costs little.
 */
public final class FileControllerMemory implements ControllerMemory {
  private final Path file;
  private final WriteFence fence;
  private final ObjectMapper json = RunJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);
  private MemoryBook book; // guarded by this

  /** Loads {@code file}; a missing file means nothing is remembered, a damaged one is an error. */
  public FileControllerMemory(Path file, WriteFence fence) throws IOException {
    this.file = file.toAbsolutePath();
    this.fence = fence;
    AtomicFiles.sweepOnce(this.file.getParent());
    if (Files.exists(this.file)) {
      try {
        book = json.readValue(this.file.toFile(), MemoryBook.class);
      } catch (IOException | RuntimeException e) {
        throw new IOException(
            "unreadable controller memory file " + this.file + ": " + e.getMessage(), e);
      }
    } else {
      book = MemoryBook.EMPTY;
    }
  }

  /** Everything remembered, for moving it to another store. */
  public synchronized MemoryBook book() {
    return book;
  }

  @Override
  public synchronized List<ToldAnswer> answers(String repo, long change, String head) {
    return book.answers(repo, change, head);
  }

  @Override
  public synchronized Optional<MergeRefusal> refusal(String repo, long change) {
    return book.refusal(repo, change);
  }

  @Override
  public synchronized void answered(String repo, long change, ToldAnswer answer)
      throws IOException {
    fence.check("remembering the answer " + answer.key() + " on " + repo + "#" + change);
    save(book.withAnswer(repo, change, answer));
  }

  @Override
  public synchronized void refused(String repo, long change, MergeRefusal refusal)
      throws IOException {
    fence.check("remembering the refused merge of " + repo + "#" + change);
    save(book.withRefusal(repo, change, refusal));
  }

  private void save(MemoryBook next) throws IOException {
    if (next == book) {
      return;
    }
    Files.createDirectories(file.getParent());
    AtomicFiles.replace(file, json.writeValueAsBytes(next));
    book = next;
  }
}
