package dev.ciorchestrator.run;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the controller told people about each change and must not tell differently, or act on again,
 * after a restart or a failover (DESIGN.md "State"): the answer to each served {@code /test} or
 * {@code /retest} (told once, when served; the request is acknowledged and never planned again) and
 * the merge the forge refused on a head and base (not tried again until one of them moves). Kept in
 * the store beside the runs, so every replica's next term sees the last leader's memory; only the
 * leader writes it ({@link WriteFence}).
 */
public interface ControllerMemory {
  /**
   * The answer told to one served request, as the summary shows it.
   *
   * @param key the request id
   * @param head the change's head SHA when it was served; an answer about an older head no longer
   *     applies
   * @param at when the request was written; answers are listed in this order
   * @param line the summary line, without its leading {@code "- "}
   */
  record ToldAnswer(String key, String head, Instant at, String line) {
    public ToldAnswer {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(head, "head");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(line, "line");
    }
  }

  /**
   * A merge the forge refused.
   *
   * @param reason the forge's words, as the summary shows them
   */
  record MergeRefusal(String headSha, String baseSha, String reason) {
    public MergeRefusal {
      Objects.requireNonNull(headSha, "headSha");
      Objects.requireNonNull(baseSha, "baseSha");
      Objects.requireNonNull(reason, "reason");
    }

    /** Whether it was refused on exactly this head and base. */
    public boolean on(String head, String base) {
      return headSha.equals(head) && baseSha.equals(base);
    }
  }

  /** The most answers kept per change: the summary shows fewer, the newest. */
  int MAX_ANSWERS = 100;

  /** The answers told on {@code change} at {@code head}, oldest first. */
  List<ToldAnswer> answers(String repo, long change, String head) throws IOException;

  /** The last merge of {@code change} the forge refused, if it was not forgotten since. */
  Optional<MergeRefusal> refusal(String repo, long change) throws IOException;

  /**
   * Remembers {@code answer} unless an answer with its key is remembered on its head: a request
   * served again after a crash keeps the answer first told. Answers of the change's other heads are
   * forgotten, and past {@link #MAX_ANSWERS} the oldest.
   */
  void answered(String repo, long change, ToldAnswer answer) throws IOException;

  /** Remembers {@code refusal} as the change's last refused merge, replacing an earlier one. */
  void refused(String repo, long change, MergeRefusal refusal) throws IOException;

  /** Keeps the memory in this process only; for tests and callers that remember nothing. */
  static ControllerMemory inMemory() {
    AtomicReference<MemoryBook> book = new AtomicReference<>(MemoryBook.EMPTY);
    return new ControllerMemory() {
      @Override
      public List<ToldAnswer> answers(String repo, long change, String head) {
        return book.get().answers(repo, change, head);
      }

      @Override
      public Optional<MergeRefusal> refusal(String repo, long change) {
        return book.get().refusal(repo, change);
      }

      @Override
      public void answered(String repo, long change, ToldAnswer answer) {
        book.updateAndGet(b -> b.withAnswer(repo, change, answer));
      }

      @Override
      public void refused(String repo, long change, MergeRefusal refusal) {
        book.updateAndGet(b -> b.withRefusal(repo, change, refusal, Instant.now()));
      }
    };
  }

  /**
   * Opens the memory for one term of leadership: a new leader reads what the previous one wrote.
   */
  @FunctionalInterface
  interface Source {
    ControllerMemory open() throws IOException;
  }
}
