package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.kubernetes.JobStatusMapper.Observed;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status table: a Job and its pods as a cluster reports them → the run state they mean. */
class JobStatusMapperTest {
  static final Path FIXTURES = Path.of("src/test/resources/kubernetes/status");
  static final KubernetesSerialization YAML = new KubernetesSerialization();
  static final String BASE = "0123456789abcdef0123456789abcdef01234567";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          created-no-pod                | PENDING | ''
          pod-initializing              | PENDING | ''
          running                       | RUNNING | ''
          complete                      | SUCCESS | ''
          failed-exit-code              | FAILURE | exit code 2
          failed-oom                    | FAILURE | exit code 137: out of memory (OOMKilled)
          deadline-exceeded             | FAILURE | timed out after 20m
          init-failed                   | ERROR   | 'head 1234567 does not merge cleanly into main: conflict in go.mod'
          fetch-failed                  | FAILURE | 'could not receive the artifacts of the jobs it needs: fetch failed: artifacts: .ci-artifacts/go-build/bin/app (run go-build-pr12-def) does not match its manifest: expected sha256:aa, got sha256:bb'
          image-pull-backoff            | ERROR   | 'image golang:9.99 cannot be pulled (ImagePullBackOff): Back-off pulling image "golang:9.99"'
          err-image-pull                | ERROR   | 'image golang:9.99 cannot be pulled (ErrImagePull): rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/golang:9.99": not found'
          init-image-pull-backoff       | ERROR   | 'init image alpine/git:nope cannot be pulled (ImagePullBackOff): Back-off pulling image "alpine/git:nope"'
          create-container-config-error | ERROR   | 'container run cannot be created (CreateContainerConfigError): secret "ci-job-secrets" not found'
          evicted                       | ERROR   | 'the Job failed without a result from the job''s container (Evicted): Job has reached the specified backoff limit'
          """)
  void mapsTheFixture(String fixture, RunState state, String message) throws Exception {
    Job job = null;
    List<Pod> pods = new ArrayList<>();
    for (String doc : Files.readString(FIXTURES.resolve(fixture + ".yaml")).split("(?m)^---$")) {
      if (doc.isBlank()) {
        continue;
      }
      HasMetadata object = YAML.unmarshal(doc);
      if (object instanceof Job j) {
        job = j;
      } else {
        pods.add((Pod) object);
      }
    }

    Observed seen = JobStatusMapper.observe(job, pods);

    assertThat(seen.state()).isEqualTo(state);
    assertThat(seen.message()).isEqualTo(message);
    boolean prepared =
        !fixture.startsWith("init-")
            && !fixture.equals("evicted")
            && !fixture.equals("created-no-pod")
            && !fixture.equals("pod-initializing");
    assertThat(seen.baseSha()).isEqualTo(prepared ? BASE : "");
  }
}
