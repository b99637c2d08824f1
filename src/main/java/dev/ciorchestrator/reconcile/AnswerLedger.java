package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.report.Commands;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary's answer lines for the change's current head, newest last.
 *
 * <p>An answer to a served {@code /test} or {@code /retest} is told once, when the planner serves
 * it; afterwards the request is acknowledged and never planned again. So the answer is remembered
 * in the store ({@link dev.ciorchestrator.run.ControllerMemory}) and shown from there on every
 * later pass: it survives a restart and a failover and never changes. Every other answer is the
 * fold's, derived from the comments on every pass. Answers of an earlier head are not shown: what
 * was said about an old head no longer applies.
 *
 * <p>Before the store kept them, each such line carried a hidden marker in the summary; {@link
 * #legacy} reads those once, so an upgrade imports them instead of forgetting them.
 */
final class AnswerLedger {
  static final int MAX_LINES = 30;
  private static final String MARK = "<!-- ci-orchestrator:answer ";
  private static final Pattern LINE =
      Pattern.compile("^- (.+) " + Pattern.quote(MARK) + "(\\S+) ([0-9A-Za-z]*) (\\S+) -->$");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9#:/._-]{1,100}");

  private AnswerLedger() {}

  /**
   * The served answers of the plan's head: those {@code remembered}, then those this plan serves
   * for the first time (a request served again after a crash keeps the answer first told).
   */
  static List<ToldAnswer> told(ChangePlan plan, List<ToldAnswer> remembered) {
    Map<String, ToldAnswer> byKey = new LinkedHashMap<>();
    remembered.forEach(a -> byKey.putIfAbsent(a.key(), a));
    for (ToldAnswer a : served(plan)) {
      byKey.putIfAbsent(a.key(), a);
    }
    return List.copyOf(byKey.values());
  }

  /** The answers this plan tells to the requests it serves; another bot's are not ours to tell. */
  static List<ToldAnswer> served(ChangePlan plan) {
    String head = plan.change().headSha();
    List<ToldAnswer> out = new ArrayList<>();
    for (Action a : plan.actions()) {
      if (a instanceof Action.AcknowledgeRequest ack
          && ack.answer().outcome() != Answer.Outcome.NOT_OURS
          && KEY.matcher(ack.requestId()).matches()) {
        Answer answer = ack.answer();
        out.add(new ToldAnswer(answer.key(), head, answer.at(), content(answer)));
      }
    }
    return out;
  }

  /** The lines to show, oldest first, at most {@link #MAX_LINES} (the newest). */
  static List<String> lines(List<ToldAnswer> told, Commands commands) {
    record Line(Instant at, String content) {}
    List<Line> all = new ArrayList<>();
    told.forEach(a -> all.add(new Line(a.at(), a.line())));
    commands.answers().stream()
        .filter(a -> a.outcome() != Answer.Outcome.NOT_OURS)
        .forEach(a -> all.add(new Line(a.at(), content(a))));
    all.sort(Comparator.comparing(Line::at)); // stable: equal times keep the order above
    List<Line> shown = all.subList(Math.max(0, all.size() - MAX_LINES), all.size());
    return shown.stream().map(l -> "- " + l.content()).toList();
  }

  /** The answers an older summary remembered in hidden markers, for {@code head}. */
  static List<ToldAnswer> legacy(String summary, String head) {
    Map<String, ToldAnswer> out = new LinkedHashMap<>();
    for (String line : summary.split("\\R")) {
      Matcher m = LINE.matcher(line);
      if (m.matches() && m.group(3).equals(head) && !m.group(1).contains("<!--")) {
        try {
          Instant at = Instant.parse(m.group(4));
          out.putIfAbsent(m.group(2), new ToldAnswer(m.group(2), head, at, m.group(1)));
        } catch (DateTimeParseException e) {
          // not a line we wrote: leave it out rather than trust it
        }
      }
    }
    return List.copyOf(out.values());
  }

  /** {@code ❌ `/test nosuchjob` by carol: no job ...}, with what people wrote made harmless. */
  static String content(Answer a) {
    String mark =
        switch (a.outcome()) {
          case DONE -> "✅";
          case NOTHING_TO_DO -> "➖";
          case REFUSED, NOT_OURS -> "❌";
        };
    String command = a.command().replace('`', '\'');
    return mark + " `" + harmless(command) + "` by " + harmless(a.by()) + ": " + harmless(a.text());
  }

  /**
   * Comment text goes into the bot's own comment: no line breaks, no HTML (which could fake a
   * marker) and no working {@code @mention} (which would notify someone on every edit).
   */
  static String harmless(String text) {
    return text.replaceAll("[\\r\\n]+", " ")
        .replace("<", "‹")
        .replace(">", "›")
        .replace("@", "@\u2060");
  }
}
