package dev.ciorchestrator.config.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.diff.ConfigDiff;
import dev.ciorchestrator.config.diff.ConfigDiffer;
import dev.ciorchestrator.config.diff.Configs;
import dev.ciorchestrator.config.diff.Relaxations;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.reconcile.impact.Impact;
import dev.ciorchestrator.reconcile.impact.Impact.DueShift;
import dev.ciorchestrator.reconcile.impact.Impact.GateFlip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewTextTest {
  @TempDir Path dir;

  @Test
  void aValidRelaxingChangeShowsWhatItRelaxesItsDiffAndItsImpact() throws Exception {
    ConfigSnapshot before =
        Configs.load(dir.resolve("a"), "repo.yaml", Configs.REPO, "gate.yaml", Configs.GATE);
    ConfigSnapshot after =
        Configs.load(dir.resolve("b"), "repo.yaml", Configs.REPO, "job.yaml", Configs.JOB);
    ConfigDiff diff = ConfigDiffer.diff(before, after);
    Impact impact =
        new Impact(
            3,
            2,
            List.of(new GateFlip("demo/app", 7, true, "blocked: needs 2 approvals", "passed")),
            List.of(new DueShift("demo/app", 8, List.of("test"), List.of())));
    Review r = valid(diff, Relaxations.of(before, after, diff), impact);

    CommitStatus status = ReviewText.status(r);
    assertThat(status.context()).isEqualTo("ci/config");
    assertThat(status.state()).isEqualTo(CommitStatus.State.SUCCESS);
    assertThat(status.description())
        .isEqualTo(
            "valid; 1 job added, 1 policy removed; relaxes a gate or trust policy; 1 gate flips");
    String section = ReviewText.section(r, 50);
    assertThat(section)
        .startsWith(
            """
            **Config change** (`ci/config`)

            Loads at head; 4 policy tests pass.

            Relaxes a gate or trust policy (label `policy-relaxed`):
            - gate policy `two-approvals` removed

            Effective diff against the running config: 1 job added, 1 policy removed

            ~~~~
            Job test: added
              name: test
              repos: [demo/app]
            """)
        .contains(
            "  run: go test ./...\n", "\nPolicy two-approvals: removed\n  name: two-approvals\n")
        .endsWith(
            """
            ~~~~

            Impact on the open changes (3 open, 2 in repositories it touches): 1 gate flips, \
            1 change's due jobs differ.

            ~~~~
            demo/app#7: gate would pass (now: blocked: needs 2 approvals; then: passed)
            demo/app#8: starts test
            ~~~~
            """);
  }

  @Test
  void longListsAreCutAndCounted() {
    List<String> errors = new ArrayList<>();
    for (int i = 1; i <= 120; i++) {
      errors.add("jobs.yaml:" + i + ":3: run: required");
    }
    Review r = Review.invalid("abc", "rev", errors);

    String section = ReviewText.section(r, 50);

    assertThat(section).contains("jobs.yaml:50:3").doesNotContain("jobs.yaml:51:3");
    assertThat(section).endsWith("… and 70 more.\n");
    assertThat(ReviewText.status(r).state()).isEqualTo(CommitStatus.State.FAILURE);
    assertThat(ReviewText.status(r).description())
        .isEqualTo("the config at head does not load: 120 errors; jobs.yaml:1:3: run: required");
  }

  @Test
  void aCutListLinksToAllOfItInTheApi() {
    List<String> errors = new ArrayList<>();
    for (int i = 1; i <= 120; i++) {
      errors.add("jobs.yaml:" + i + ":3: run: required");
    }
    Review r = Review.invalid("abc", "rev", errors);

    String section =
        ReviewText.section(
            r, 50, part -> "http://ci.example.org/api/v1/config/reviews/7/" + part.wire());

    assertThat(section)
        .endsWith(
            "… and 70 more: [all 120](http://ci.example.org/api/v1/config/reviews/7/errors)\n");
    assertThat(ReviewText.section(Review.invalid("abc", "rev", errors.subList(0, 3)), 50, p -> "x"))
        .as("a list shown whole needs no link")
        .doesNotContain("more");
  }

  @Test
  void aLineCannotCloseTheFence() {
    Review r = Review.invalid("abc", "rev", List.of("a.yaml:1:1: run: ~~~~ then **bold**"));

    assertThat(ReviewText.section(r, 50)).contains("run: ~ ~ ~ ~ then **bold**\n~~~~\n");
  }

  @Test
  void anImpactThatCouldNotBeComputedSaysSoAndWhyInsteadOfWaitingForEver() {
    Review r = valid(new ConfigDiff(List.of()), List.of(), Impact.failed("rule p1 timed out"));

    assertThat(ReviewText.status(r).state()).isEqualTo(CommitStatus.State.SUCCESS);
    assertThat(ReviewText.status(r).description()).endsWith("; impact could not be computed");
    assertThat(ReviewText.section(r, 50))
        .contains(
            "Impact on the open changes: could not be computed (rule p1 timed out); a new head"
                + " or a new running config computes it again.\n")
        .doesNotContain("being computed");
  }

  private static Review valid(ConfigDiff diff, List<String> relaxed, Impact impact) {
    return new Review(
        "abc",
        "rev",
        Optional.empty(),
        List.of(),
        Optional.empty(),
        4,
        List.of(),
        diff,
        relaxed,
        impact,
        Set.of("demo/app"));
  }
}
