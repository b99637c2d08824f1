package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.RunState;

/**
 * A state as the pages show it: an icon and a word, so it reads without colour, plus the class that
 * colours it.
 *
 * @param cls a class of {@code ui.css}: {@code s-ok}, {@code s-bad}, {@code s-warn}, {@code
 *     s-busy}, {@code s-wait}, {@code s-off}
 * @param icon a character that tells the state apart in black and white too
 * @param text the state's wire name
 */
public record Badge(String cls, String icon, String text) {
  /** Nothing is known yet. */
  static final Badge UNKNOWN = new Badge("s-off", "?", "unknown");

  static Badge of(RunState state) {
    return of(JobStatus.of(state));
  }

  static Badge of(JobStatus status) {
    String text = status.wire();
    return switch (status) {
      case SUCCESS -> new Badge("s-ok", "✔", text);
      case FAILURE -> new Badge("s-bad", "✖", text);
      case ERROR -> new Badge("s-warn", "⚠", text);
      case ABORTED -> new Badge("s-off", "■", text);
      case RUNNING -> new Badge("s-busy", "▶", text);
      case PENDING -> new Badge("s-wait", "◷", text);
      case MISSING -> new Badge("s-wait", "○", "starting");
      case SKIPPED -> new Badge("s-off", "–", text);
    };
  }

  /** A gate: passed, or blocked. */
  static Badge gate(boolean pass) {
    return pass ? new Badge("s-ok", "✔", "mergeable") : new Badge("s-bad", "✖", "blocked");
  }

  /** One rule's decision. */
  static Badge decision(boolean pass) {
    return pass ? new Badge("s-ok", "✔", "pass") : new Badge("s-bad", "✖", "fail");
  }

  /** A config sync state ({@code Synced}, {@code OutOfSync}, {@code Error}). */
  static Badge sync(String state) {
    return switch (state) {
      case "Synced" -> new Badge("s-ok", "✔", state);
      case "Error" -> new Badge("s-bad", "✖", state);
      default -> new Badge("s-wait", "◷", state);
    };
  }
}
