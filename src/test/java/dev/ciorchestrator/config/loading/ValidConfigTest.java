package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.MergeQueue;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.PolicyType;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code config/valid}: every field of every kind bound, and every default applied. */
class ValidConfigTest {
  private static ConfigSnapshot snapshot;

  @BeforeAll
  static void load() throws IOException {
    var source = new DirectoryConfigSource(Path.of("src/test/resources/config/valid"));
    LoadResult result = new ConfigLoader(new CelPolicyEngine()).load("rev1", source.read(null));
    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    snapshot = ((LoadResult.Loaded) result).snapshot();
  }

  @Test
  void bindsEveryRepositoryField() {
    assertThat(snapshot.repository("demo/hello-go"))
        .contains(
            new Repository(
                "demo/hello-go",
                "local",
                "trunk",
                true,
                MergeMethod.FAST_FORWARD,
                List.of("alice", "bob"),
                true,
                List.of(),
                new SourcePosition("repositories.yaml", 2, 1)));
  }

  @Test
  void appliesRepositoryDefaults() {
    Repository minimal = snapshot.repository("demo/group/minimal").orElseThrow();
    assertThat(minimal.defaultBranch()).isEqualTo("main");
    assertThat(minimal.autoMerge()).isFalse();
    assertThat(minimal.mergeMethod()).isEqualTo(MergeMethod.MERGE);
    assertThat(minimal.trustedUsers()).isEmpty();
    assertThat(minimal.dismissApprovalsOnPush()).isFalse();
    assertThat(minimal.mergeQueue()).isEqualTo(MergeQueue.OFF);
  }

  @Test
  void bindsTheMergeQueue() {
    MergeQueue queue = snapshot.repository("demo/queued").orElseThrow().mergeQueue();
    assertThat(queue).isEqualTo(new MergeQueue(true, 8, List.of("main", "release/*")));
    assertThat(queue.covers("release/2.1")).isTrue();
    assertThat(queue.covers("develop")).isFalse();
    MergeQueue defaults = snapshot.repository("demo/queued-defaults").orElseThrow().mergeQueue();
    assertThat(defaults).isEqualTo(new MergeQueue(true, MergeQueue.DEFAULT_MAX_BATCH, List.of()));
    assertThat(defaults.covers("anything")).isTrue();
  }

  @Test
  void bindsEveryJobField() {
    Job job = snapshot.job("go-test").orElseThrow();
    assertThat(job.repos()).containsExactly("demo/hello-go", "demo/*");
    assertThat(job.triggers())
        .isEqualTo(
            new Job.Triggers(
                new Job.PullRequestTrigger(
                    List.of("main", "release/*"), List.of("**/*.go", "go.mod"), List.of("docs/**")),
                new Job.PushTrigger(List.of("main")),
                new Job.ScheduleTrigger("0 3 * * *"),
                "/test go"));
    assertThat(job.when()).isEqualTo("!change.draft");
    assertThat(job.required()).isFalse();
    assertThat(job.image()).isEqualTo("golang:1.23");
    assertThat(job.run()).isEqualTo("go vet ./...\ngo test ./...\n");
    assertThat(job.env()).isEqualTo(Map.of("GOFLAGS", "-mod=mod", "CGO_ENABLED", "0"));
    assertThat(job.timeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(job.maxConcurrency()).isEqualTo(2);
    assertThat(job.resources()).isEqualTo(new Job.Resources("500m", "1Gi"));
    assertThat(job.retries()).isEqualTo(1);
    assertThat(job.source()).isEqualTo(new SourcePosition("jobs.yaml", 1, 1));
  }

  @Test
  void appliesJobDefaults() {
    Job job = snapshot.job("lint").orElseThrow();
    assertThat(job.triggers())
        .isEqualTo(
            new Job.Triggers(
                new Job.PullRequestTrigger(List.of(), List.of(), List.of()),
                null,
                null,
                "/test lint"));
    assertThat(job.required()).isTrue();
    assertThat(job.when()).isNull();
    assertThat(job.image()).isNull();
    assertThat(job.env()).isEmpty();
    assertThat(job.timeout()).isEqualTo(Job.DEFAULT_TIMEOUT);
    assertThat(job.maxConcurrency()).isZero();
    assertThat(job.resources()).isEqualTo(Job.Resources.NONE);
    assertThat(job.retries()).isZero();
    assertThat(job.quality()).isEqualTo(JobQuality.NONE);
  }

  @Test
  void bindsTierReportsAndCaches() {
    Job job = snapshot.job("quality").orElseThrow();
    assertThat(job.quality())
        .isEqualTo(
            new JobQuality(
                JobQuality.Tier.UNIT,
                new JobQuality.Reports(
                    List.of("out/*.xml"), List.of("out/staticcheck.sarif", "**/*.sarif")),
                List.of(
                    new JobQuality.Cache("gobuild", "", "GOCACHE", List.of("go.sum", "**/go.mod")),
                    new JobQuality.Cache("vendor", "vendor", "", List.of()))));
  }

  @Test
  void jobWithoutPullRequestTriggerIsNotRequired() {
    Job job = snapshot.job("nightly").orElseThrow();
    assertThat(job.triggers().pullRequest()).isNull();
    assertThat(job.triggers().push()).isEqualTo(new Job.PushTrigger(List.of()));
    assertThat(job.triggers().schedule()).isEqualTo(new Job.ScheduleTrigger("30 2 * * 1-5"));
    assertThat(job.required()).isFalse();
    assertThat(job.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(job.resources()).isEqualTo(new Job.Resources("2", ""));
  }

  @Test
  void bindsEveryPolicyField() {
    Policy policy = snapshot.policies().get(0);
    assertThat(policy.name()).isEqualTo("two-approvals");
    assertThat(policy.type()).isEqualTo(PolicyType.GATE);
    assertThat(policy.repos()).containsExactly("*");
    assertThat(policy.match()).isEqualTo("change.baseRef == 'main'");
    assertThat(policy.rule()).isEqualTo("size(change.approvals) >= 2");
    assertThat(policy.message())
        .isEqualTo("'needs 2 approvals, has ' + string(size(change.approvals))");
    assertThat(policy.tests())
        .extracting(Policy.PolicyTest::name, Policy.PolicyTest::expect)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("two approvals pass", Policy.Expectation.PASS),
            org.assertj.core.groups.Tuple.tuple("other branches skip", Policy.Expectation.SKIP));
  }

  @Test
  void convertsTestInputsToBindingTypes() {
    Policy policy = snapshot.policies().get(0);
    assertThat(policy.tests().get(0).input())
        .isEqualTo(
            Map.of("change", Map.of("approvals", List.of("alice", "bob"), "baseRef", "main")));
    assertThat(policy.tests().get(1).input())
        .isEqualTo(
            Map.of(
                "change",
                Map.of(
                    "baseRef",
                    "dev",
                    "number",
                    7L,
                    "draft",
                    true,
                    "createdAt",
                    Instant.parse("2024-05-01T12:00:00Z")),
                "jobs",
                Map.of(
                    "go-test", Map.of("status", "success", "required", true, "tier", ""),
                    "lint", Map.of("status", "failure", "required", false, "tier", "")),
                "repo",
                Map.of("name", "demo/hello-go", "defaultBranch", "main"),
                "now",
                Instant.parse("2024-05-01T22:00:00Z")));
  }

  @Test
  void appliesPolicyDefaults() {
    Policy policy = snapshot.policies().get(1);
    assertThat(policy.type()).isEqualTo(PolicyType.TRUST);
    assertThat(policy.repos()).containsExactly("*");
    assertThat(policy.match()).isNull();
    assertThat(policy.message()).isNull();
    assertThat(policy.tests()).isEmpty();
    assertThat(policy.rule()).isEqualTo("change.author in ['alice', 'bob']\n");
  }

  @Test
  void compilesEveryExpressionText() {
    assertThat(snapshot.expressions().keySet())
        .containsExactlyInAnyOrder(
            "!change.draft",
            "change.baseRef == 'main'",
            "size(change.approvals) >= 2",
            "'needs 2 approvals, has ' + string(size(change.approvals))",
            "change.author in ['alice', 'bob']\n");
  }

  @Test
  void keepsFileAndDocumentOrder() {
    assertThat(snapshot.summary()).isEqualTo("4 repositories, 4 jobs, 2 policies");
    assertThat(snapshot.jobs())
        .extracting(Job::name)
        .containsExactly("go-test", "lint", "nightly", "quality");
  }
}
