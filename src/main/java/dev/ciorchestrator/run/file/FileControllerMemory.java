package dev.ciorchestrator.run.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ciorchestrator.persist.AtomicFiles;
import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.MemoryBook;
import dev.ciorchestrator.run.MemoryRetention;
import dev.ciorchestrator.run.RunJson;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ControllerMemory} in one JSON file, replaced atomically on every change and kept in
 * memory, like the watermarks: a crash leaves the old or the new content, never half. Writes are
 * rare (a served command, a refused merge), so rewriting the whole file costs little; retention
 * rewrites it at most once per call, whatever the number of batches.
 */
public final class FileControllerMemory implements ControllerMemory, MemoryRetention {
  private final Path file;
  private final WriteFence fence;
  private final Clock clock;
  private String resumeAfter; // guarded by this; the key retention looks after next, null: first
  private final ObjectMapper json = RunJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);
  private MemoryBook book; // guarded by this

  /** As {@link #FileControllerMemory(Path, WriteFence, Clock)} on the system clock. */
  public FileControllerMemory(Path file, WriteFence fence) throws IOException {
    this(file, fence, Clock.systemUTC());
  }

  /**
   * Loads {@code file}; a missing file means nothing is remembered, a damaged one is an error.
   *
   * @param clock stamps refused merges, for retention
   */
  public FileControllerMemory(Path file, WriteFence fence, Clock clock) throws IOException {
    this.file = file.toAbsolutePath();
    this.fence = fence;
    this.clock = clock;
    AtomicFiles.sweepOnce(this.file.getParent());
    if (Files.exists(this.file)) {
      try {
        book = json.readValue(this.file.toFile(), MemoryBook.class).stamped(clock.instant());
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
    save(book.withRefusal(repo, change, refusal, clock.instant()));
  }

  /**
   * The forge is asked outside the lock, so the loop never waits for it; a change remembered again
   * meanwhile is kept.
   */
  @Override
  public int forgetClosedBefore(Instant cutoff, OpenChanges open, int batch, int batches)
      throws IOException {
    MemoryRetention.checkBatches(batch, batches);
    fence.check("forgetting the memory of closed changes");
    List<String> stale = new ArrayList<>();
    synchronized (this) {
      int max = (int) Math.min(Integer.MAX_VALUE, (long) batch * batches);
      List<String> looked = book.keysAfter(resumeAfter, max);
      looked.stream().filter(k -> book.rememberedAt(k).isBefore(cutoff)).forEach(stale::add);
      // a short look reached the end: the next call starts again from the first change
      resumeAfter = looked.size() < max ? null : looked.get(looked.size() - 1);
    }
    List<String> closed =
        stale.stream()
            .filter(k -> open.closed(MemoryBook.repoOf(k), MemoryBook.numberOf(k)))
            .toList();
    synchronized (this) {
      fence.check("forgetting the memory of closed changes");
      List<String> gone =
          closed.stream()
              .filter(k -> book.changes().containsKey(k) && book.rememberedAt(k).isBefore(cutoff))
              .toList();
      save(book.without(gone));
      return gone.size();
    }
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
