package dev.ciorchestrator.forge.command;

import dev.ciorchestrator.domain.Answer.Outcome;

/**
 * {@code /hold} and {@code /unhold} with Prow's roles plus one rule of ours: anyone may hold a
 * change (holding is the safe side), a trusted user may lift any hold, and anyone else only a hold
 * they placed themselves. A hold someone else joined, or a label set by hand, is not theirs to
 * lift.
 */
final class Holds {
  /** What one hold command did. */
  record Result(Outcome outcome, String text) {}

  private final FoldInput in;
  private boolean held;
  // who placed the hold in effect; null when nobody or someone unknown (a label set by hand)
  private String holder;
  private String commandId = "";

  Holds(FoldInput in) {
    this.in = in;
    this.held = in.heldByHand();
  }

  Result apply(Comment c, boolean on) {
    if (on) {
      if (!held) {
        holder = c.author();
      } else if (holder != null && !FoldInput.same(holder, c.author())) {
        holder = null; // two people hold it now: it is not one untrusted user's to lift
      }
      held = true;
      commandId = c.id();
      return new Result(Outcome.DONE, "held: the change does not merge until /unhold");
    }
    if (!held) {
      return new Result(Outcome.NOTHING_TO_DO, "nothing to lift: the change is not held");
    }
    boolean own = holder != null && FoldInput.same(holder, c.author());
    if (!in.trusted(c.author()) && !own) {
      return new Result(
          Outcome.REFUSED, "only a trusted user or the one who placed the hold may lift it");
    }
    held = false;
    holder = null;
    commandId = c.id();
    return new Result(Outcome.DONE, "hold lifted");
  }

  boolean held() {
    return held;
  }

  String commandId() {
    return commandId;
  }
}
