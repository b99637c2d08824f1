package dev.ciorchestrator.report;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.forge.ForgeChange;
import java.util.List;
import java.util.Objects;

/**
 * What the summary says about a change's commands, besides the planner's own answers: the fold's
 * answers and notes, and the summary the change shows now, whose recorded answers to served
 * requests are kept (a served request is never served again, so its answer exists only there).
 */
public record Commands(List<Answer> answers, List<String> notes, String previousSummary) {
  public static final Commands NONE = new Commands(List.of(), List.of(), "");

  public Commands {
    answers = List.copyOf(answers);
    notes = List.copyOf(notes);
    previousSummary = Objects.requireNonNullElse(previousSummary, "");
  }

  public static Commands of(ForgeChange fc) {
    return new Commands(fc.answers(), fc.notes(), fc.summary());
  }
}
