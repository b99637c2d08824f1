package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.Values.IndexedScalar;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.config.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A job's {@code needs} and {@code artifacts}. Whether a needed job exists, forms no cycle and can
 * meet this one is known only once every file is read ({@link NeedsGraph}).
 */
final class PipelineBinder {
  private PipelineBinder() {}

  static Pipeline bind(Fields f, String jobName, FileContents out) {
    return new Pipeline(needs(f, jobName, out), ArtifactsBinder.bind(f));
  }

  private static List<Pipeline.Need> needs(Fields f, String jobName, FileContents out) {
    List<Pipeline.Need> needs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (IndexedScalar need : f.strings("needs")) {
      var at = need.scalar().position();
      var problem = Names.jobOrPolicyProblem(need.value());
      if (problem.isPresent()) {
        f.problems().add(at, need.field(), problem.get());
      } else if (need.value().equals(jobName)) {
        f.problems()
            .add(
                at,
                need.field(),
                "a job cannot need itself (cycle " + jobName + " → " + jobName + ")");
      } else if (!seen.add(need.value())) {
        f.problems().add(at, need.field(), "'" + need.value() + "' is listed twice");
      } else {
        needs.add(new Pipeline.Need(need.value(), at));
        out.needs.add(new ParsedFile.NeedReference(jobName, need.value(), need.field(), at));
      }
    }
    return needs;
  }
}
