package dev.ciorchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped config files, loaded for real and planned: the loader, the CEL engine and the planner
 * must agree on what the files mean (a policy whose {@code repos} matches nothing would pass every
 * unit test and still gate nothing).
 */
class ShippedConfigPlanTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final String HEAD = "2".repeat(40);

  @TempDir Path dir;

  @Test
  void exampleRepoStartsItsJobsAndGatesOnReviewAndJobs() throws IOException {
    ConfigSnapshot snapshot = load(Path.of("examples/ci-repo"));
    ChangePlan plan = plan(snapshot, change("demo/hello-go", "alice", List.of(), List.of()));

    assertThat(plan.trust().pass()).isTrue();
    assertThat(plan.actions())
        .filteredOn(Action.StartRun.class::isInstance)
        .extracting(a -> ((Action.StartRun) a).key().job())
        .containsExactly(
            "go-vet", "go-fmt", "go-staticcheck", "go-test", "go-integration", "go-build");
    assertThat(failing(plan)).contains("require-approval", "required-jobs-green");
  }

  @Test
  void everyPolicyOfTheLibraryAppliesToAnyRepository() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("policies"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    Files.writeString(
        dir.resolve("repos.yaml"),
        "apiVersion: ci-orchestrator/v1\nkind: Repository\nname: acme/widgets\nforge: local\n");
    ConfigSnapshot snapshot = load(dir);
    Change held = change("acme/widgets", "alice", List.of("hold", "do-not-merge"), List.of());

    ChangePlan plan = plan(snapshot, held);

    assertThat(failing(plan)).contains("no-hold-label", "do-not-merge-label", "require-approvals");
  }

  private ConfigSnapshot load(Path folder) throws IOException {
    DirectoryConfigSource source = new DirectoryConfigSource(folder);
    LoadResult result =
        new ConfigLoader(new CelPolicyEngine()).load(source.resolve(), source.read(null));
    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).snapshot();
  }

  private static ChangePlan plan(ConfigSnapshot snapshot, Change change) {
    return Planner.plan(snapshot, List.of(ChangeState.of(change)), List.of(), NOW).changes().get(0);
  }

  private static List<String> failing(ChangePlan plan) {
    return plan.gate().failing().stream().map(Decision::policy).toList();
  }

  private static Change change(
      String repo, String author, List<String> labels, List<String> approvals) {
    return new Change(
        repo,
        12,
        "Add greeting",
        author,
        false,
        labels,
        approvals,
        "main",
        "1".repeat(40),
        "topic",
        HEAD,
        List.of("main.go"),
        true,
        NOW.minusSeconds(3600),
        NOW);
  }
}
