package dev.ciorchestrator.forge.command;

import dev.ciorchestrator.domain.Names;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code hold} label as every forge shows {@code /hold} and {@code /unhold}: the newest
 * effective such command sets or clears the label once, when it is not the one applied last, so a
 * label someone sets or removes by hand afterwards stands until the next command. A label no
 * command of ours put there is "held by hand": its owner is unknown, so only a trusted user may
 * lift it ({@link Holds}).
 *
 * @param lastApplied the entry of the command applied last ({@code on:<comment>} or {@code
 *     off:<comment>}), {@code ""} when none was; each forge keeps it durably its own way
 */
public record HoldLabel(String lastApplied) {
  private static final String ON = "on:";
  private static final String OFF = "off:";

  public HoldLabel {
    lastApplied = Objects.requireNonNullElse(lastApplied, "");
  }

  /** The entry recording that the command {@code commentId} was applied, holding or not. */
  public static String entry(boolean on, String commentId) {
    return (on ? ON : OFF) + commentId;
  }

  /** Whether an entry sets the label (else it clears it). */
  public static boolean holds(String entry) {
    return entry.startsWith(ON);
  }

  /** Whether {@code text} is an entry. */
  public static boolean isEntry(String text) {
    return text.startsWith(ON) || text.startsWith(OFF);
  }

  /** The label is on and the last command applied did not put it there. */
  public boolean heldByHand(List<String> labels) {
    return labels.contains(Names.HOLD_LABEL) && !holds(lastApplied);
  }

  /** The entry of the fold's newest hold command, when it is not the one applied last. */
  public Optional<String> toApply(FoldedState folded) {
    if (folded.holdCommandId().isEmpty()) {
      return Optional.empty();
    }
    String entry = entry(folded.hold(), folded.holdCommandId());
    return entry.equals(lastApplied) ? Optional.empty() : Optional.of(entry);
  }
}
