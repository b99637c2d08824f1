package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the controller remembers of one change at its head, the planners' input: the answers told
 * and the last refused merge, from the store, plus what an older summary's hidden markers remember
 * and the store does not (an upgrade from before the store kept them). Those are {@link #imported}:
 * the report's planning remembers them in the store, so they are read from the summary once.
 *
 * @param stored the answers the store remembers for the head
 * @param imported the answers only the summary remembers
 * @param refusal the refused merge, if the store or (when the store has none) the summary has one
 * @param refusalImported whether {@code refusal} came from the summary only
 */
record Recall(
    List<ToldAnswer> stored,
    List<ToldAnswer> imported,
    Optional<MergeRefusal> refusal,
    boolean refusalImported) {
  static final Recall NONE = new Recall(List.of(), List.of(), Optional.empty(), false);

  Recall {
    stored = List.copyOf(stored);
    imported = List.copyOf(imported);
  }

  /** Reads the store's memory of {@code change}, with what {@code summary} adds. */
  static Recall of(ControllerMemory memory, Change change, String summary) throws IOException {
    return of(
        memory.answers(change.repo(), change.number(), change.headSha()),
        memory.refusal(change.repo(), change.number()),
        summary,
        change.headSha());
  }

  /** Pure: the store's memory and the summary's, combined. */
  static Recall of(
      List<ToldAnswer> stored, Optional<MergeRefusal> refusal, String summary, String head) {
    Set<String> known = stored.stream().map(ToldAnswer::key).collect(Collectors.toSet());
    List<ToldAnswer> imported = new ArrayList<>();
    for (ToldAnswer a : AnswerLedger.legacy(summary, head)) {
      if (!known.contains(a.key())) {
        imported.add(a);
      }
    }
    if (refusal.isPresent()) {
      return new Recall(stored, imported, refusal, false);
    }
    Optional<MergeRefusal> legacy = MergeMemory.read(summary);
    return new Recall(stored, imported, legacy, legacy.isPresent());
  }

  /** Every answer remembered, the store's first. */
  List<ToldAnswer> answers() {
    List<ToldAnswer> all = new ArrayList<>(stored);
    all.addAll(imported);
    return all;
  }
}
