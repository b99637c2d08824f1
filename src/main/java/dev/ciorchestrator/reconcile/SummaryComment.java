package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.report.Commands;
import dev.ciorchestrator.report.RunLinks;
import java.util.List;
import java.util.Map;

/**
 * The one summary comment per change, in Markdown. It says where every job stands, what the gate
 * decided and why, what became of each command on this head, and which commands exist. It holds no
 * clock time: the same state renders the same text, so it is edited only when something changed.
 */
final class SummaryComment {
  static final String COMMANDS =
      "`/test <job>` · `/test all` · `/retest` · `/hold` · `/unhold` · `/lgtm` · `/approve`"
          + " (each with `cancel` to withdraw) · `/ok-to-test` (trusted users)";

  private SummaryComment() {}

  static String render(
      ChangePlan plan,
      Map<String, RunRecord> latest,
      List<String> answers,
      Commands commands,
      String configRevision,
      String mergeNote,
      RunLinks links,
      List<String> sections) {
    StringBuilder md = new StringBuilder();
    md.append("**ci-orchestrator** · #")
        .append(plan.change().number())
        .append(" at `")
        .append(Names.shortSha(plan.change().headSha()))
        .append("` · config `")
        .append(Names.shortSha(configRevision))
        .append("`\n\n");
    if (!plan.trust().pass()) {
      md.append("**Waiting for `/ok-to-test`:** ")
          .append(plan.trust().reason())
          .append(". A trusted user must comment `/ok-to-test` before any job runs.\n\n");
    }
    jobTable(md, plan.jobs(), latest, links);
    List<String> results = ResultLines.details(latest, links);
    if (!results.isEmpty()) {
      md.append("**Results:**\n");
      results.forEach(l -> md.append(l).append('\n'));
      md.append('\n');
    }
    gate(md, plan, mergeNote);
    sections.forEach(section -> blankLine(md).append(section.strip()).append('\n'));
    answers(md, answers);
    if (!commands.notes().isEmpty()) {
      blankLine(md).append("**Not counted:**\n");
      commands.notes().forEach(n -> md.append("- ").append(AnswerLedger.harmless(n)).append('\n'));
    }
    blankLine(md).append("<sub>Commands: ").append(COMMANDS).append("</sub>\n");
    return md.toString();
  }

  private static void answers(StringBuilder md, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    blankLine(md).append("**Commands on this head");
    if (lines.size() == AnswerLedger.MAX_LINES) {
      md.append(" (the newest ").append(AnswerLedger.MAX_LINES).append(")");
    }
    md.append(":**\n");
    lines.forEach(l -> md.append(l).append('\n'));
  }

  private static void jobTable(
      StringBuilder md, List<JobDecision> jobs, Map<String, RunRecord> latest, RunLinks links) {
    if (jobs.isEmpty()) {
      md.append("No job is configured for this repository.\n\n");
      return;
    }
    md.append("| job | status | details |\n|---|---|---|\n");
    for (JobDecision job : jobs) {
      // a job its pipeline holds back shows why, not the run it had before a job above re-ran
      RunRecord run = job.held() ? null : latest.get(job.job());
      JobStatus status = run == null ? job.status() : JobStatus.of(run.state());
      String label =
          job.held() && status == JobStatus.MISSING ? "⏳ waiting" : ChangeReport.label(status);
      md.append("| `").append(job.job()).append("` | ").append(label);
      md.append(job.required() && job.due() ? " (required)" : "").append(" | ");
      if (!job.needs().isEmpty()) {
        md.append("needs ")
            .append(String.join(", ", job.needs().stream().map(n -> "`" + n + "`").toList()));
        md.append(" · ");
      }
      if (run == null) {
        md.append(escape(job.reason()));
      } else {
        md.append("[run](").append(links.page(run.id())).append(") · ");
        md.append("[log](").append(links.log(run.id())).append(") · attempt ");
        md.append(run.key().attempt());
        if (!run.message().isEmpty() && run.state().terminal()) {
          md.append(" · ").append(escape(run.message()));
        }
        String counts = ResultLines.counts(run.results());
        md.append(counts.isEmpty() ? "" : " · " + counts);
      }
      md.append(" |\n");
    }
    md.append('\n');
  }

  private static void gate(StringBuilder md, ChangePlan plan, String mergeNote) {
    if (plan.gate().pass()) {
      md.append("**Gate: passed**");
    } else {
      md.append("**Gate: blocked**\n");
      for (Decision d : plan.gate().shown()) {
        md.append("- `").append(d.policy()).append('`');
        md.append(d.reason().isEmpty() ? "" : ": " + escape(d.reason())).append('\n');
      }
    }
    if (!mergeNote.isEmpty()) {
      md.append(plan.gate().pass() ? " · " : "\n").append(escape(mergeNote));
    }
    md.append('\n');
  }

  /** Ends {@code md} with exactly one empty line, whatever the section before ended with. */
  private static StringBuilder blankLine(StringBuilder md) {
    while (md.length() > 0 && md.charAt(md.length() - 1) == '\n') {
      md.setLength(md.length() - 1);
    }
    return md.append("\n\n");
  }

  /** Table cells end at a newline or an unescaped pipe. */
  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
