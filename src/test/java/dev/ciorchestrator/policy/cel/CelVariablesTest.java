package dev.ciorchestrator.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.Bindings.JobView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The declared CEL types and the Java bindings describe the same variables. */
class CelVariablesTest {
  @Test
  void changeDeclaresExactlyTheFieldsBindingsProvide() {
    assertThat(CelVariables.CHANGE.fieldNames())
        .containsExactlyInAnyOrderElementsOf(Bindings.changeDefaults().keySet());
  }

  @Test
  void repoDeclaresExactlyTheFieldsBindingsProvide() {
    assertThat(CelVariables.REPO.fieldNames())
        .containsExactlyInAnyOrderElementsOf(Bindings.repoMap("r", "main").keySet());
  }

  @Test
  void jobEntriesDeclareExactlyTheFieldsBindingsProvide() {
    // a job with both reports: the only entries that carry every field
    RunResults results =
        new RunResults(
            new RunResults.TestCounts(1, 0, 0),
            new RunResults.FindingCounts(0, 1, 0),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Bindings bindings =
        Fixtures.bindings(
            Fixtures.change(),
            Map.of("lint", new JobView(JobStatus.PENDING, false, "lint", results)));

    assertThat(CelVariables.JOB.fieldNames())
        .containsExactlyInAnyOrderElementsOf(
            ((Map<?, ?>) bindings.jobs().get("lint"))
                .keySet().stream().map(String::valueOf).toList());
  }
}
