package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.config.validation.Quantities;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.Jobs;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rendered Jobs against golden files under {@code src/test/resources/kubernetes/jobs/}. After an
 * intended change, regenerate them with {@code mvn -o -q -B test -Dtest=JobRendererGoldenTest
 * -Dgolden.update=true} and review the diff.
 */
class JobRendererGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/kubernetes/jobs");
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  static final String HEAD = "1234567890abcdef1234567890abcdef12345678";
  static final KubernetesSerialization YAML = new KubernetesSerialization();

  static Job job(Job.Resources resources, Duration timeout) {
    return new Job(
        "go-test",
        List.of("demo/hello-go"),
        new Job.Triggers(null, null, null, "/test go-test"),
        null,
        true,
        "golang:1.23",
        "go vet ./...\ngo test ./...\n",
        Map.of("GOFLAGS", "-mod=mod", "CGO_ENABLED", "0"),
        timeout,
        2,
        resources,
        1,
        null,
        List.of(),
        new SourcePosition("jobs/go.yaml", 4, 1));
  }

  /** With an env cache and a path cache, as go/test's GOCACHE and a vendor folder. */
  static Job cached(Job job) {
    return Jobs.withQuality(
        job,
        new JobQuality(
            JobQuality.Tier.UNIT,
            JobQuality.Reports.NONE,
            List.of(
                new JobQuality.Cache("gobuild", "", "GOCACHE", List.of("go.sum")),
                new JobQuality.Cache("deps", "vendor", "", List.of()))));
  }

  static RunRecord record(RunKey key, Trigger trigger) {
    return new RunRecord(
        key, RunState.PENDING, trigger, "alice", "", "", "cfg0123", T0, null, null, "");
  }

  static Stream<Arguments> runs() {
    RenderOptions hardened =
        new RenderOptions(
                "alpine/git:2.47.2",
                "https://git.example.com/{repo}.git",
                Optional.of("git-credentials"),
                Optional.of("ci-job-secrets"),
                Optional.of("ci-runner"),
                600,
                1000,
                true,
                Map.of("kubernetes.io/os", "linux", "ci-pool", "runners"),
                Optional.empty())
            .withGovulndbClaim("govulndb");
    Job sized = job(new Job.Resources("1", "1Gi"), Duration.ofMinutes(20));
    Job unsized = job(Job.Resources.NONE, Duration.ofMillis(1500));
    return Stream.of(
        Arguments.of(
            "change-with-resources",
            RenderOptions.defaults(),
            record(RunKey.forChange("demo/hello-go", 12, HEAD, "go-test", 1), Trigger.PULL_REQUEST),
            new RunSpec(sized, Path.of("/unused"), "main", HEAD)),
        Arguments.of(
            "push-without-resources",
            RenderOptions.defaults(),
            record(
                RunKey.forPush("demo/hello-go", "refs/heads/main", HEAD, "go-test"), Trigger.PUSH),
            new RunSpec(unsized, Path.of("/unused"), "refs/heads/main", null)),
        Arguments.of(
            "change-with-caches-untrusted",
            RenderOptions.defaults().withCacheClaim("ci-caches"),
            record(RunKey.forChange("demo/hello-go", 12, HEAD, "go-test", 1), Trigger.PULL_REQUEST),
            new RunSpec(cached(sized), Path.of("/unused"), "main", HEAD)),
        Arguments.of(
            "push-with-caches",
            RenderOptions.defaults().withCacheClaim("ci-caches"),
            record(
                RunKey.forPush("demo/hello-go", "refs/heads/main", HEAD, "go-test"), Trigger.PUSH),
            new RunSpec(cached(unsized), Path.of("/unused"), "refs/heads/main", null)),
        Arguments.of(
            "schedule-with-secrets",
            hardened,
            record(RunKey.forSchedule("demo/hello-go", "go-test", T0), Trigger.SCHEDULE),
            new RunSpec(sized, Path.of("/unused"), "main", null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void rendersAsTheGoldenFile(String name, RenderOptions options, RunRecord run, RunSpec spec)
      throws Exception {
    assertGolden(name, new JobRenderer(options).render(run, spec));
  }

  /** {@code job} as YAML equals the golden file {@code <name>.yaml} (or becomes it on update). */
  static void assertGolden(String name, io.fabric8.kubernetes.api.model.batch.v1.Job job)
      throws Exception {
    String rendered = YAML.asYaml(job);
    Path golden = GOLDEN.resolve(name + ".yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, rendered);
    }
    assertThat(golden).as("golden file; regenerate with -Dgolden.update=true").exists();
    assertThat(rendered).isEqualTo(Files.readString(golden));
  }

  @Test
  void theJobsContainerNeverMountsTheClaimOnlyTheControllersContainersDo() throws Exception {
    RunRecord run =
        record(RunKey.forChange("demo/hello-go", 12, HEAD, "go-test", 1), Trigger.PULL_REQUEST);
    RunSpec untrusted =
        new RunSpec(cached(job(Job.Resources.NONE, null)), Path.of("/x"), "main", HEAD);
    var pod =
        new JobRenderer(RenderOptions.defaults().withCacheClaim("ci-caches"))
            .render(run, untrusted)
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .noneMatch(m -> m.getName().equals(CacheVolumes.VOLUME));
    assertThat(pod.getInitContainers().get(0).getVolumeMounts())
        .noneMatch(m -> m.getName().equals(CacheVolumes.VOLUME));
    assertThat(pod.getInitContainers())
        .extracting(c -> c.getName())
        .containsExactly(JobRenderer.INIT, CacheVolumes.RESTORE);
    assertThat(pod.getContainers())
        .extracting(c -> c.getName())
        .containsExactly(JobRenderer.MAIN, CacheVolumes.SAVE);
    String request =
        pod.getInitContainers()
            .get(1)
            .getCommand()
            .get(pod.getInitContainers().get(1).getCommand().indexOf("--request") + 1);
    assertThat(dev.ciorchestrator.cache.PodCaches.Request.fromJson(request).scope())
        .isEqualTo("change-12");
  }

  @Test
  void withoutAClaimNoVolumeIsMountedButTheEnvVariablesAreSet() throws Exception {
    RunRecord run =
        record(RunKey.forChange("demo/hello-go", 12, HEAD, "go-test", 1), Trigger.PULL_REQUEST);
    RunSpec spec = new RunSpec(cached(job(Job.Resources.NONE, null)), Path.of("/x"), "main", HEAD);
    var pod =
        new JobRenderer(RenderOptions.defaults())
            .render(run, spec)
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(pod.getVolumes()).noneMatch(v -> v.getName().equals(CacheVolumes.VOLUME));
    assertThat(pod.getContainers().get(0).getCommand().get(7))
        .startsWith("export GOCACHE=\"$PWD/.ci-cache/gobuild\"\n");
    assertThat(pod.getContainers()).hasSize(1);
    assertThat(pod.getInitContainers()).hasSize(1);
  }

  @Test
  void aBadQuantityIsRefusedNamingFileAndField() {
    Job bad = job(new Job.Resources("two", ""), Duration.ofMinutes(1));
    RunRecord run =
        record(RunKey.forChange("demo/hello-go", 1, HEAD, "go-test", 1), Trigger.PULL_REQUEST);

    assertThatThrownBy(
            () ->
                new JobRenderer(RenderOptions.defaults())
                    .render(run, new RunSpec(bad, Path.of("/x"), "main", HEAD)))
        .isInstanceOf(RunRejected.class)
        .hasMessage(
            "job go-test (jobs/go.yaml:4:1): resources.cpu \"two\" is not a Kubernetes quantity (e.g. 500m or 2)");
  }

  @Test
  void aJobWithoutImageIsRefused() {
    Job bare =
        new Job(
            "bare",
            List.of("r"),
            new Job.Triggers(null, null, null, "/test bare"),
            null,
            true,
            "",
            "true",
            Map.of(),
            Duration.ofMinutes(1),
            0,
            Job.Resources.NONE,
            0,
            null,
            List.of(),
            new SourcePosition("a.yaml", 2, 1));
    RunRecord run = record(RunKey.forChange("r", 1, HEAD, "bare", 1), Trigger.PULL_REQUEST);

    assertThatThrownBy(
            () ->
                new JobRenderer(RenderOptions.defaults())
                    .render(run, new RunSpec(bare, Path.of("/x"), "main", HEAD)))
        .hasMessage("job bare (a.yaml:2:1): `image` is required to run on Kubernetes");
  }

  @Test
  void quantitiesFollowTheApiServersGrammar() {
    assertThat(List.of("1", "500m", "0.5", "1Gi", "512Mi", "2e3", "1.5G", ".5", "100k"))
        .allMatch(q -> Quantities.problem("cpu", q).isEmpty());
    assertThat(List.of("1GG", "two", "-1", "1 Gi", "1gi", "", "Gi", "1.2.3", "1e99999999999"))
        .noneMatch(q -> Quantities.problem("cpu", q).isEmpty());
  }
}
