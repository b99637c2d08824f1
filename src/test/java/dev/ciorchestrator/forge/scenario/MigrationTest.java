package dev.ciorchestrator.forge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.gitea.GiteaWorld;
import dev.ciorchestrator.forge.github.GitHubWorld;
import dev.ciorchestrator.forge.gitlab.GitLabWorld;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The brief's promise: migrating from one forge to another needs no refactoring. One config
 * repository, the same documents with only {@code forge:} differing, is driven through the same
 * scenario on GitHub, GitLab and Gitea (their fakes) and on the embedded local forge, through the
 * real loader, reconcile loop and local executor: a change opens, its job runs, its statuses are
 * posted, {@code /hold} holds it despite {@code /approve}, {@code /unhold} lets it merge with its
 * head SHA. Every forge must give the same plan (the same status contexts and states) and the same
 * outcome.
 */
class MigrationTest {
  private static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/app
      forge: %s
      defaultBranch: main
      merge: {auto: true, method: squash}
      trust: {users: [alice, bob]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: build
      repos: [acme/app]
      triggers: {pullRequest: {branches: [main]}}
      run: "test -f src/app.txt"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: require-approval
      type: gate
      repos: ["*"]
      rule: "size(change.approvals) >= 1"
      message: "'needs 1 approval'"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: not-held
      type: gate
      repos: ["*"]
      rule: "!('hold' in change.labels)"
      message: "'held by /hold'"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: required-jobs-green
      type: gate
      repos: ["*"]
      rule: "jobs.all(j, !jobs[j].required || jobs[j].status in ['success', 'skipped'])"
      """;

  @TempDir Path dir;

  /** What a person sees on the forge at each step. */
  private record Outcome(
      Map<String, String> statusesBeforeApproval,
      boolean heldDespiteApproval,
      Map<String, String> finalStatuses,
      List<String> finalLabels,
      boolean mergedOnceWithTheHead) {}

  @Test
  void theSameConfigGivesTheSamePlanAndOutcomeOnEveryForge() throws Exception {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    try (ForgeDriver github =
            new ForgeDrivers.Hosted(new GitHubWorld(dir.resolve("github-world")));
        ForgeDriver gitlab = new ForgeDrivers.Hosted(new GitLabWorld(dir.resolve("gitlab-world")));
        ForgeDriver gitea = new ForgeDrivers.Hosted(new GiteaWorld(dir.resolve("gitea-world")));
        ForgeDriver local = new ForgeDrivers.Local(dir.resolve("local-world"))) {
      for (ForgeDriver d : List.of(github, gitlab, gitea, local)) {
        outcomes.put(d.id(), scenario(d));
      }
    }
    Outcome expected = outcomes.get("gh");
    assertThat(expected.statusesBeforeApproval())
        .containsEntry("ci/build", "SUCCESS")
        .containsKey(Names.GATE_CONTEXT);
    assertThat(expected.statusesBeforeApproval().get(Names.GATE_CONTEXT)).isNotEqualTo("SUCCESS");
    assertThat(expected.heldDespiteApproval()).isTrue();
    assertThat(expected.finalStatuses()).containsEntry(Names.GATE_CONTEXT, "SUCCESS");
    assertThat(expected.mergedOnceWithTheHead()).isTrue();
    outcomes.forEach(
        (forge, o) -> assertThat(o).as("on %s, compared with GitHub", forge).isEqualTo(expected));
  }

  private Outcome scenario(ForgeDriver d) throws Exception {
    try (ScenarioLoop loop =
        new ScenarioLoop(
            dir.resolve(d.id()), CONFIG.formatted(d.id()), c -> Map.of(d.id(), d.forge(c)))) {
      String repo = ForgeDrivers.REPO;
      long n = d.open("alice");
      String head = d.head();
      loop.pollUntil(
          repo,
          d.id() + ": ci/build succeeded",
          () ->
              "SUCCESS".equals(d.statuses(head).get("ci/build"))
                  && d.statuses(head).containsKey(Names.GATE_CONTEXT));
      Map<String, String> before = d.statuses(head);

      d.comment(n, "bob", "/hold");
      loop.pollUntil(repo, d.id() + ": held", () -> d.labels(n).contains(Names.HOLD_LABEL));
      d.comment(n, "bob", "/approve");
      loop.passes(repo, 3);
      boolean held = d.mergedHeads().isEmpty() && d.labels(n).contains(Names.HOLD_LABEL);

      d.comment(n, "bob", "/unhold");
      loop.pollUntil(repo, d.id() + ": merged", () -> !d.mergedHeads().isEmpty());
      loop.pollUntil(
          repo,
          d.id() + ": gate green",
          () -> "SUCCESS".equals(d.statuses(head).get(Names.GATE_CONTEXT)));
      return new Outcome(
          before, held, d.statuses(head), d.labels(n), d.mergedHeads().equals(List.of(head)));
    }
  }
}
