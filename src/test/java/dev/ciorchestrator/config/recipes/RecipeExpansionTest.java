package dev.ciorchestrator.config.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.SourcePosition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a job using a recipe becomes: the recipe's fields under the job's own. */
class RecipeExpansionTest {
  private static final String RECIPE =
      """
      apiVersion: ci-orchestrator/v1
      kind: Recipe
      name: acme/check
      params:
        target: {default: all}
        mode: {default: fast, allowed: [fast, slow]}
        token: {required: true}
      image: example/check:1
      timeout: 5m
      env: {LEVEL: "1", SHARED: recipe}
      run: make "$PARAM_TARGET"
      """;

  @Test
  void aShippedRecipeExpandsWithItsDefaults() {
    ConfigSnapshot s =
        RecipeConfigs.snapshot(
            "jobs.yaml",
            """
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: vet
            repos: [demo/app]
            uses: go/vet
            """);
    Job vet = s.job("vet").orElseThrow();
    assertThat(vet.recipe()).isEqualTo("go/vet");
    assertThat(vet.env()).containsEntry("PARAM_PACKAGES", "./...");
    assertThat(vet.run()).contains("go vet $PARAM_PACKAGES").doesNotContain("./...");
    assertThat(vet.image()).isNotBlank();
    assertThat(vet.source()).isEqualTo(new SourcePosition("jobs.yaml", 1, 1));
  }

  @Test
  void theJobsOwnFieldsWinAndEnvMergesKeyByKey() {
    ConfigSnapshot s =
        RecipeConfigs.snapshot(
            "recipes.yaml",
            RECIPE,
            "jobs.yaml",
            """
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: check
            repos: [demo/app]
            uses: acme/check
            with: {token: abc, mode: slow}
            image: example/check:2
            env: {SHARED: job, OWN: "yes"}
            """);
    Job check = s.job("check").orElseThrow();
    assertThat(check.image()).isEqualTo("example/check:2");
    assertThat(check.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(check.run()).isEqualTo("make \"$PARAM_TARGET\"");
    assertThat(check.env())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                "SHARED", "job",
                "OWN", "yes",
                "LEVEL", "1",
                "PARAM_TARGET", "all",
                "PARAM_MODE", "slow",
                "PARAM_TOKEN", "abc"));
    assertThat(check.recipe()).isEqualTo("acme/check");
  }

  @Test
  void aJobsRunReplacesTheRecipesAndBooleansReadAsText() {
    ConfigSnapshot s =
        RecipeConfigs.snapshot(
            "recipes.yaml",
            RECIPE,
            "jobs.yaml",
            """
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: check
            repos: [demo/app]
            uses: acme/check
            with: {token: yes, target: 42}
            run: ./custom.sh
            """);
    Job check = s.job("check").orElseThrow();
    assertThat(check.run()).isEqualTo("./custom.sh");
    assertThat(check.env())
        .containsEntry("PARAM_TOKEN", "true")
        .containsEntry("PARAM_TARGET", "42");
  }

  @Test
  void jobsKeepTheirFileOrderWhetherOrNotTheyUseARecipe() {
    ConfigSnapshot s =
        RecipeConfigs.snapshot(
            "jobs.yaml",
            """
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: first
            repos: [demo/app]
            run: "true"
            ---
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: second
            repos: [demo/app]
            uses: go/vet
            ---
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: third
            repos: [demo/app]
            run: "true"
            ---
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: fourth
            repos: [demo/app]
            uses: go/vet
            """);
    assertThat(s.jobs())
        .extracting(Job::name)
        .containsExactly("first", "second", "third", "fourth");
  }

  @Test
  void aRecipeJobsNameCountsForDuplicates() {
    var result =
        RecipeConfigs.load(
            "jobs.yaml",
            """
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: vet
            repos: [demo/app]
            uses: go/vet
            ---
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: vet
            repos: [demo/app]
            run: "true"
            """);
    assertThat(result)
        .isInstanceOfSatisfying(
            dev.ciorchestrator.config.model.LoadResult.Failed.class,
            f ->
                assertThat(f.errors())
                    .extracting(e -> e.format())
                    .containsExactly(
                        "jobs.yaml:9:7: name: duplicate Job name 'vet' (first at jobs.yaml:3:7)"));
  }
}
