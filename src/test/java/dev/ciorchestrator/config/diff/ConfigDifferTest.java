package dev.ciorchestrator.config.diff;

import static dev.ciorchestrator.config.diff.Configs.GATE;
import static dev.ciorchestrator.config.diff.Configs.JOB;
import static dev.ciorchestrator.config.diff.Configs.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The effective diff of two loaded configs: what runs differently, field by field. */
class ConfigDifferTest {
  @TempDir Path dir;

  private ConfigSnapshot old() throws Exception {
    return Configs.load(
        dir.resolve("old"), "repos.yaml", REPO, "jobs.yaml", JOB, "gate.yaml", GATE);
  }

  @Test
  void layoutAndSpelledOutDefaultsAreNoDifference() throws Exception {
    ConfigSnapshot moved =
        Configs.load(
            dir.resolve("new"),
            "all.yaml",
            GATE
                + "---\n"
                + REPO
                + "defaultBranch: main\nmerge: {auto: false}\n---\n"
                + JOB
                + "required: true\n");
    ConfigDiff diff = ConfigDiffer.diff(old(), moved);
    assertThat(diff.isEmpty()).as(DiffText.lines(diff).toString()).isTrue();
    assertThat(diff.summary()).isEqualTo("no difference");
  }

  @Test
  void aChangedJobShowsEachFieldBeforeAndAfter() throws Exception {
    ConfigSnapshot changed =
        Configs.load(
            dir.resolve("new"),
            "repos.yaml",
            REPO,
            "jobs.yaml",
            JOB.replace("timeout: 20m", "timeout: 1h30m")
                    .replace("paths: [\"**/*.go\"]", "paths: [\"**/*.go\", go.mod]")
                + "env: {GOFLAGS: -mod=mod}\n",
            "gate.yaml",
            GATE);
    assertThat(DiffText.lines(ConfigDiffer.diff(old(), changed)))
        .containsExactly(
            "Job test: changed",
            "  triggers.pullRequest.paths: [**/*.go] → [**/*.go, go.mod]",
            "  env.GOFLAGS: (none) → -mod=mod",
            "  timeout: 20m → 1h30m");
  }

  @Test
  void addedAndRemovedDocumentsAndRepositoryFieldsByTheirYamlNames() throws Exception {
    ConfigSnapshot changed =
        Configs.load(
            dir.resolve("new"),
            "repos.yaml",
            REPO.replace("trust: {users: [alice]}", "trust: {users: [alice, bob]}")
                + "merge: {auto: true, queue: {maxBatch: 2}}\n",
            "jobs.yaml",
            JOB + "---\n" + JOB.replace("name: test", "name: lint").replace("go test", "golint"));
    ConfigDiff diff = ConfigDiffer.diff(old(), changed);
    assertThat(diff.entries())
        .extracting(e -> DiffText.heading(e))
        .containsExactly(
            "Repository demo/app: changed", "Job lint: added", "Policy two-approvals: removed");
    assertThat(diff.entries().get(0).fields())
        .extracting(DiffText::field)
        .containsExactly(
            "merge.auto: false → true",
            "trust.users: [alice] → [alice, bob]",
            "merge.queue.enabled: false → true",
            "merge.queue.maxBatch: 0 → 2");
    assertThat(diff.entries().get(1).fields())
        .extracting(DiffText::field)
        .contains("run: golint ./...");
    assertThat(diff.entries().get(2).fields())
        .extracting(DiffText::field)
        .contains("rule: size(change.approvals) >= 2", "type: gate");
    assertThat(diff.summary()).isEqualTo("1 repository changed, 1 job added, 1 policy removed");
  }

  @Test
  void aScriptIsOneLineAndLongValuesAreCut() {
    assertThat(DiffText.value("set -e\ngo test ./...\n")).isEqualTo("set -e\\ngo test ./...\\n");
    assertThat(DiffText.value("word ".repeat(100))).hasSizeLessThanOrEqualTo(200).endsWith("…");
    assertThat(RecordFields.duration(java.time.Duration.ofMillis(1500))).isEqualTo("1s500ms");
  }
}
