package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.Jobs;
import dev.ciorchestrator.upload.PodEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The pod of a run whose job needs others: golden YAML, the {@code fetch} init container with the
 * run's token where the job cannot read it, and {@code $CI_ARTIFACTS} on the folder it fills.
 */
class UpstreamFetchRenderTest {
  final RunRecord run =
      JobRendererGoldenTest.record(
          RunKey.forChange("demo/hello-go", 12, JobRendererGoldenTest.HEAD, "go-test", 1),
          Trigger.PULL_REQUEST);
  final Job job =
      Jobs.withPipeline(
          JobRendererGoldenTest.job(new Job.Resources("1", "1Gi"), Duration.ofMinutes(20)),
          new Pipeline(
              List.of(new Pipeline.Need("go-build", new SourcePosition("jobs/go.yaml", 9, 9))),
              Pipeline.Artifacts.NONE));
  final RunSpec spec = new RunSpec(job, Path.of("/unused"), "main", JobRendererGoldenTest.HEAD);

  io.fabric8.kubernetes.api.model.batch.v1.Job render() throws RunRejected {
    return new JobRenderer(RenderOptions.defaults(), Optional.of(UploadSidecarRenderTest.SIDECAR))
        .render(run, spec);
  }

  @Test
  void rendersAsTheGoldenFile() throws Exception {
    JobRendererGoldenTest.assertGolden("change-with-needs", render());
  }

  @Test
  void theFetchRunsAfterTheCheckoutWithTheTokenTheJobCannotRead() throws Exception {
    PodSpec pod = render().getSpec().getTemplate().getSpec();
    String token = UploadSidecarRenderTest.TOKENS.mint(run.id());
    Container fetch = pod.getInitContainers().get(1);
    Container main = pod.getContainers().get(0);

    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly(JobRenderer.INIT, UpstreamFetch.NAME);
    assertThat(fetch.getCommand()).endsWith("pod", "fetch");
    assertThat(fetch.getEnv())
        .anyMatch(e -> e.getName().equals(PodEnv.TOKEN) && token.equals(e.getValue()))
        .anyMatch(
            e -> e.getName().equals(PodEnv.FETCH_INTO) && UpstreamFetch.PATH.equals(e.getValue()));
    assertThat(JobRendererGoldenTest.YAML.asYaml(main)).doesNotContain(token);
    assertThat(main.getEnv())
        .anyMatch(
            e -> e.getName().equals("CI_ARTIFACTS") && UpstreamFetch.PATH.equals(e.getValue()));
    assertThat(main.getVolumeMounts())
        .anyMatch(
            m ->
                m.getName().equals(UpstreamFetch.VOLUME)
                    && m.getMountPath().equals("/ci-artifacts"));
    // the job shares only the folder the fetch fills with it
    assertThat(fetch.getVolumeMounts())
        .extracting(m -> m.getName())
        .containsExactly(UpstreamFetch.VOLUME, UpstreamFetch.TMP_VOLUME);
    assertThat(main.getVolumeMounts()).noneMatch(m -> m.getName().equals(UpstreamFetch.TMP_VOLUME));
    // the job's pod has nothing to hand back, so no sidecar and no wrapper
    assertThat(pod.getContainers()).hasSize(1);
  }

  @Test
  void withoutTheControllersUrlAJobWithNeedsIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new JobRenderer(RenderOptions.defaults()).render(run, spec))
        .isInstanceOf(RunRejected.class)
        .hasMessageContaining("job go-test (jobs/go.yaml:4:1): `needs`")
        .hasMessageContaining("ci.executor.kubernetes.upload-url, which is not set");
  }
}
