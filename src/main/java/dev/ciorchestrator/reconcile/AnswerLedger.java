package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Answer;
import dev.ciorchestrator.report.Commands;
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
 * it; afterwards the request is acknowledged and never planned again. So its line carries a hidden
 * marker (request id, head, time) and is read back from the summary on the next pass, the way the
 * summary itself is found by its marker: the answer survives a restart and never changes. Every
 * other answer is the fold's, derived from the comments on every pass. Lines of an earlier head are
 * dropped: what was said about an old head no longer applies.
 */
final class AnswerLedger {
  static final int MAX_LINES = 30;
  private static final String MARK = "<!-- ci-orchestrator:answer ";
  private static final Pattern LINE =
      Pattern.compile("^- (.+) " + Pattern.quote(MARK) + "(\\S+) ([0-9A-Za-z]*) (\\S+) -->$");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9#:/._-]{1,100}");

  private record Entry(String key, Instant at, String content, boolean recorded) {}

  private AnswerLedger() {}

  /** The lines to show, oldest first, at most {@link #MAX_LINES} (the newest). */
  static List<String> lines(ChangePlan plan, Commands commands) {
    String head = plan.change().headSha();
    Map<String, Entry> recorded = read(commands.previousSummary(), head);
    for (Action a : plan.actions()) {
      if (a instanceof Action.AcknowledgeRequest ack
          && ack.answer().outcome() != Answer.Outcome.NOT_OURS
          && KEY.matcher(ack.requestId()).matches()) {
        Answer answer = ack.answer();
        // told once: a request served again after a crash keeps the answer first recorded
        recorded.putIfAbsent(
            answer.key(), new Entry(answer.key(), answer.at(), content(answer), true));
      }
    }
    List<Entry> all = new ArrayList<>(recorded.values());
    commands.answers().stream()
        .filter(a -> a.outcome() != Answer.Outcome.NOT_OURS)
        .forEach(a -> all.add(new Entry(a.key(), a.at(), content(a), false)));
    all.sort(Comparator.comparing(Entry::at)); // stable: equal times keep the order above
    List<Entry> shown = all.subList(Math.max(0, all.size() - MAX_LINES), all.size());
    return shown.stream().map(e -> line(e, head)).toList();
  }

  private static Map<String, Entry> read(String summary, String head) {
    Map<String, Entry> out = new LinkedHashMap<>();
    for (String line : summary.split("\\R")) {
      Matcher m = LINE.matcher(line);
      if (m.matches() && m.group(3).equals(head) && !m.group(1).contains("<!--")) {
        try {
          out.putIfAbsent(
              m.group(2), new Entry(m.group(2), Instant.parse(m.group(4)), m.group(1), true));
        } catch (DateTimeParseException e) {
          // not a line we wrote: leave it out rather than trust it
        }
      }
    }
    return out;
  }

  private static String line(Entry e, String head) {
    String mark = e.recorded() ? " " + MARK + e.key() + " " + head + " " + e.at() + " -->" : "";
    return "- " + e.content() + mark;
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
