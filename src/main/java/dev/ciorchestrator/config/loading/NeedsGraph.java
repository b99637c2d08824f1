package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.ParsedFile.NeedReference;
import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Pipeline.Need;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.config.validation.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of {@code needs} that see every job of a revision: the needed job exists, the graph
 * has no cycle, and both jobs can run for the same repository and the same event (otherwise the job
 * below would wait forever). Every problem is reported at the need that causes it.
 */
final class NeedsGraph {
  private NeedsGraph() {}

  /**
   * Every job name declared counts as known, even that of a job with errors: a need on a broken job
   * is reported once, at that job, not again as "unknown".
   */
  static List<ConfigError> check(List<ParsedFile> files) {
    List<Job> jobs = files.stream().flatMap(f -> f.jobs().stream()).toList();
    Set<String> declared = new LinkedHashSet<>();
    files.forEach(
        f ->
            f.declarations().stream()
                .filter(d -> d.kind().equals("Job"))
                .forEach(d -> declared.add(d.name())));

    Map<String, Job> byName = new LinkedHashMap<>();
    jobs.forEach(j -> byName.putIfAbsent(j.name(), j));
    List<ConfigError> errors = new ArrayList<>();
    for (ParsedFile file : files) {
      for (NeedReference need : file.needs()) {
        Job job = byName.get(need.job());
        Job upstream = byName.get(need.name());
        if (!declared.contains(need.name())) {
          errors.add(
              new ConfigError(need.position(), need.field(), unknown(need.name(), declared)));
        } else if (job != null && upstream != null) {
          NeedsMeeting.problem(job, upstream)
              .ifPresent(msg -> errors.add(new ConfigError(need.position(), need.field(), msg)));
        }
      }
    }
    Map<SourcePosition, String> fields = new HashMap<>();
    files.forEach(f -> f.needs().forEach(n -> fields.put(n.position(), n.field())));
    cycles(byName, fields).forEach(errors::add);
    return errors;
  }

  private static String unknown(String name, Collection<String> declared) {
    return "unknown job '"
        + name
        + "': no Job document defines it"
        + Suggestions.didYouMean(name, declared);
  }

  /** Each cycle once, named from the first of its jobs in file order: {@code a → b → c → a}. */
  private static List<ConfigError> cycles(
      Map<String, Job> byName, Map<SourcePosition, String> fields) {
    Map<String, Integer> state = new LinkedHashMap<>(); // 1 = on the path, 2 = done
    List<ConfigError> errors = new ArrayList<>();
    for (String start : byName.keySet()) {
      visit(start, new Walk(byName, fields, state, new ArrayList<>(), errors));
    }
    return errors;
  }

  private record Walk(
      Map<String, Job> byName,
      Map<SourcePosition, String> fields,
      Map<String, Integer> state,
      List<String> path,
      List<ConfigError> errors) {}

  private static void visit(String name, Walk w) {
    Job job = w.byName().get(name);
    if (job == null || w.state().containsKey(name)) {
      return;
    }
    w.state().put(name, 1);
    w.path().add(name);
    for (Need need : job.pipeline().needs()) {
      if (Integer.valueOf(1).equals(w.state().get(need.job()))) {
        List<String> loop =
            new ArrayList<>(w.path().subList(w.path().indexOf(need.job()), w.path().size()));
        loop.add(need.job());
        String field = w.fields().getOrDefault(need.source(), "needs");
        w.errors().add(new ConfigError(need.source(), field, "cycle: " + String.join(" → ", loop)));
      } else {
        visit(need.job(), w);
      }
    }
    w.path().remove(w.path().size() - 1);
    w.state().put(name, 2);
  }
}
