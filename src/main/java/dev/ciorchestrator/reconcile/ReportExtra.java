package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.domain.CommitStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a feature beside the planner adds to a change's report ({@link RepoExtension#report}):
 * statuses on its head ({@code ci/queue}, {@code ci/config}), sections of its summary comment, and
 * labels it must have or must not have. Written only where they differ from what the forge shows,
 * like the rest of the report.
 *
 * @param sections Markdown, each shown after the gate in this order
 * @param labels label to present ({@code true}) or absent ({@code false})
 */
public record ReportExtra(
    List<CommitStatus> statuses, List<String> sections, Map<String, Boolean> labels) {
  public static final ReportExtra NONE = new ReportExtra(List.of(), List.of(), Map.of());

  public ReportExtra {
    statuses = List.copyOf(statuses);
    sections = List.copyOf(sections);
    labels = Map.copyOf(labels);
  }

  /** Both extras; {@code other}'s label wins where both name one. */
  public ReportExtra plus(ReportExtra other) {
    if (other.equals(NONE)) {
      return this;
    }
    List<CommitStatus> s = new ArrayList<>(statuses);
    s.addAll(other.statuses);
    List<String> m = new ArrayList<>(sections);
    m.addAll(other.sections);
    Map<String, Boolean> l = new LinkedHashMap<>(labels);
    l.putAll(other.labels);
    return new ReportExtra(s, m, l);
  }
}
