package dev.ciorchestrator.config.diff;

import static dev.ciorchestrator.config.diff.Configs.GATE;
import static dev.ciorchestrator.config.diff.Configs.JOB;
import static dev.ciorchestrator.config.diff.Configs.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which config changes relax a gate or trust policy, and say why. */
class RelaxationsTest {
  private static final String TRUST =
      """
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: org-members
      type: trust
      rule: "change.author in ['carol']"
      """;
  private static final AtomicInteger FOLDERS = new AtomicInteger();

  @TempDir static Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          the gate's rule is weakened     | size(change.approvals) >= 2 | size(change.approvals) >= 1 | gate policy `two-approvals` changed: rule
          only the gate's message changes | 'needs 2 approvals'         | 'two approvals please'      |
          a trusted user is added         | users: [alice]              | users: [alice, bob]         | repository `demo/app` trusts more users ([alice] → [alice, bob])
          a trusted user is removed       | users: [alice]              | users: []                   |
          the required job is optional    | timeout: 20m                | required: false             | job `test` is no longer required
          the required job runs less      | ["**/*.go"]                 | ["cmd/**/*.go"]             | required job `test` may be due less often: triggers.pullRequest.paths
          the required job runs longer    | timeout: 20m                | timeout: 40m                |
          """)
  void replacing(String name, String from, String to, String expected) throws Exception {
    String before = REPO + "---\n" + JOB + "---\n" + GATE;
    String after = before.replace(from, to);
    assertThat(reasons(before, after))
        .containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          removing the gate policy     | gate    | gate policy `two-approvals` removed
          removing the required job    | job     | required job `test` removed
          adding a trust policy        | +trust  | trust policy `org-members` added
          adding a gate policy         | +gate2  |
          """)
  void addingOrRemoving(String name, String what, String expected) throws Exception {
    String before = REPO + "---\n" + JOB + "---\n" + GATE;
    String after =
        switch (what) {
          case "gate" -> REPO + "---\n" + JOB;
          case "job" -> REPO + "---\n" + GATE;
          case "+trust" -> before + "---\n" + TRUST;
          default -> before + "---\n" + GATE.replace("two-approvals", "no-wip");
        };
    assertThat(reasons(before, after))
        .containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
  }

  private static List<String> reasons(String before, String after) throws Exception {
    int n = FOLDERS.incrementAndGet();
    ConfigSnapshot b = Configs.load(dir.resolve("b" + n), "ci.yaml", before);
    ConfigSnapshot a = Configs.load(dir.resolve("a" + n), "ci.yaml", after);
    return Relaxations.of(b, a, ConfigDiffer.diff(b, a));
  }
}
