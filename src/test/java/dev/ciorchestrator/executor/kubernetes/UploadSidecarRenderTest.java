package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.Jobs;
import dev.ciorchestrator.upload.PodEnv;
import dev.ciorchestrator.upload.UploadTokens;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pod of a run that hands back artifacts and reports: golden YAML, and the upload token where
 * only the sidecar can read it.
 */
class UploadSidecarRenderTest {
  static final UploadTokens TOKENS =
      new UploadTokens("golden-upload-key-0123456789".getBytes(StandardCharsets.UTF_8));
  static final UploadSidecar SIDECAR = new UploadSidecar("http://ci-orchestrator.ci.svc", TOKENS);

  static final String HEAD = JobRendererGoldenTest.HEAD;
  final RunRecord run =
      JobRendererGoldenTest.record(
          RunKey.forChange("demo/hello-go", 12, HEAD, "go-test", 1), Trigger.PULL_REQUEST);
  final Job job =
      UploadingJobs.uploading(
          JobRendererGoldenTest.job(new Job.Resources("1", "1Gi"), Duration.ofMinutes(20)),
          List.of("bin/*"),
          List.of("out/junit.xml"),
          List.of("out/*.sarif"));
  final RunSpec spec = new RunSpec(job, Path.of("/unused"), "main", HEAD);

  PodSpec pod(RunSpec spec) throws RunRejected {
    return new JobRenderer(RenderOptions.defaults(), Optional.of(SIDECAR))
        .render(run, spec)
        .getSpec()
        .getTemplate()
        .getSpec();
  }

  @Test
  void rendersAsTheGoldenFile() throws Exception {
    JobRendererGoldenTest.assertGolden(
        "change-with-uploads",
        new JobRenderer(RenderOptions.defaults(), Optional.of(SIDECAR)).render(run, spec));
  }

  @Test
  void theTokenIsInTheSidecarsEnvironmentOnlyAndNoVolumeOfTheJobHoldsIt() throws Exception {
    PodSpec pod = pod(spec);
    String token = TOKENS.mint(run.id());
    Container main = pod.getContainers().get(0);
    Container sidecar = pod.getContainers().get(1);

    assertThat(sidecar.getName()).isEqualTo(UploadSidecar.NAME);
    assertThat(sidecar.getEnv())
        .anyMatch(e -> e.getName().equals(PodEnv.TOKEN) && token.equals(e.getValue()));
    assertThat(JobRendererGoldenTest.YAML.asYaml(main)).doesNotContain(token);
    assertThat(main.getEnvFrom()).isEmpty();
    assertThat(main.getEnv()).noneMatch(e -> e.getValueFrom() != null);
    assertThat(pod.getInitContainers().get(0).getEnv()).noneMatch(e -> token.equals(e.getValue()));
    // the job shares the workspace and the marker folder with the sidecar, and nothing else
    Set<String> shared =
        main.getVolumeMounts().stream().map(m -> m.getName()).collect(Collectors.toSet());
    assertThat(sidecar.getVolumeMounts())
        .filteredOn(m -> shared.contains(m.getName()))
        .allMatch(m -> Boolean.TRUE.equals(m.getReadOnly()))
        .extracting(m -> m.getName())
        .containsExactlyInAnyOrder(JobRenderer.VOLUME_WORKSPACE, JobWrapper.VOLUME);
    assertThat(pod.getShareProcessNamespace()).isNull();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(token).isNotEqualTo(TOKENS.mint("another-run"));
  }

  @Test
  void withCachesTooThePodHasOneWrapperWhoseOneMarkerBothUtilitiesWaitFor() throws Exception {
    Job both =
        Jobs.withQuality(
            job,
            new JobQuality(
                JobQuality.Tier.UNIT,
                job.quality().reports(),
                JobRendererGoldenTest.cached(job).quality().caches()));
    PodSpec pod =
        new JobRenderer(RenderOptions.defaults().withCacheClaim("ci-caches"), Optional.of(SIDECAR))
            .render(run, new RunSpec(both, Path.of("/unused"), "main", HEAD))
            .getSpec()
            .getTemplate()
            .getSpec();
    Container main = pod.getContainers().get(0);
    Container save = pod.getContainers().get(1);
    Container upload = pod.getContainers().get(2);

    assertThat(pod.getContainers())
        .extracting(Container::getName)
        .containsExactly(JobRenderer.MAIN, CacheVolumes.SAVE, UploadSidecar.NAME);
    // wrapped once, with the log for the upload; the job's own bash is its argument
    assertThat(main.getCommand()).containsOnlyOnce("ci-job", JobWrapper.LOGGED);
    assertThat(main.getCommand().stream().filter(a -> a.contains(JobWrapper.EXIT_FILE))).hasSize(1);
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(JobWrapper.VOLUME)).hasSize(1);
    assertThat(main.getVolumeMounts())
        .filteredOn(m -> m.getName().equals(JobWrapper.VOLUME))
        .singleElement()
        .extracting(VolumeMount::getReadOnly)
        .isNull();
    for (Container beside : List.of(save, upload)) {
      assertThat(beside.getVolumeMounts())
          .filteredOn(m -> m.getName().equals(JobWrapper.VOLUME))
          .singleElement()
          .matches(m -> m.getMountPath().equals(JobWrapper.PATH) && m.getReadOnly());
    }
    assertThat(save.getCommand()).containsSubsequence("--exit-file", JobWrapper.EXIT_FILE);
    assertThat(upload.getEnv())
        .anyMatch(e -> e.getName().equals(PodEnv.SHARED) && e.getValue().equals(JobWrapper.PATH));
    assertThat(save.getImage()).isEqualTo(upload.getImage());
  }

  @Test
  void aJobWithNothingToHandBackHasNoSidecar() throws Exception {
    Job plain = JobRendererGoldenTest.job(Job.Resources.NONE, Duration.ofMinutes(1));
    PodSpec pod = pod(new RunSpec(plain, Path.of("/x"), "main", HEAD));

    assertThat(pod.getContainers()).hasSize(1);
    assertThat(pod.getContainers().get(0).getCommand().get(0)).isEqualTo("/bin/bash");
    assertThat(pod.getVolumes()).noneMatch(v -> v.getName().equals(JobWrapper.VOLUME));
  }

  @Test
  void withoutAnUploadUrlAJobWithArtifactsIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new JobRenderer(RenderOptions.defaults()).render(run, spec))
        .isInstanceOf(RunRejected.class)
        .hasMessageContaining("job go-test (jobs/go.yaml:4:1)")
        .hasMessageContaining("ci.executor.kubernetes.upload-url");
  }
}
