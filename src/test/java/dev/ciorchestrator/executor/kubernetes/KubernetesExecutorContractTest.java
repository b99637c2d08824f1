package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.ExecutorContract;
import dev.ciorchestrator.executor.process.JobSlots;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The executor contract for the Kubernetes executor: Jobs on fabric8's mock API server in CRUD
 * mode, played out by the simulated job controller ({@link FakeKubelet}), which runs the init
 * container's real script with local git and the job's script with bash.
 */
class KubernetesExecutorContractTest extends ExecutorContract {
  private KubeHarness harness;

  @Override
  protected Executor createExecutor(Setup setup) throws Exception {
    // the init container fetches <clones>/<owner>/<name>: the contract's repository, linked there
    Path clones = tmp.resolve("clones");
    Files.createDirectories(clones.resolve(REPO).getParent());
    Files.createSymbolicLink(clones.resolve(REPO), git.dir().toAbsolutePath());
    harness =
        new KubeHarness(
            tmp,
            setup.store(),
            new JobSlots(),
            setup.listener(),
            Duration.ofMillis(100),
            KubeHarness.localClones(clones));
    return harness.executor();
  }

  @Override
  protected Capabilities capabilities() {
    return new Capabilities("kubernetes", "busybox:1.36", true);
  }

  @Override
  protected void crash() {
    harness.executor().close();
  }

  @Override
  protected Executor startAgain(Setup setup) {
    return harness.restart();
  }

  /** The run's Job has a Complete or Failed condition: the fake kubelet finished it. */
  @Override
  protected void awaitEndedUnwatched(RunRecord run) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Job job = job(run);
      if (job != null
          && job.getStatus() != null
          && job.getStatus().getConditions() != null
          && job.getStatus().getConditions().stream()
              .anyMatch(
                  c ->
                      ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                          && "True".equals(c.getStatus()))) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the Job of " + run.id() + " did not finish: " + job(run));
  }

  private Job job(RunRecord run) {
    return harness
        .api
        .client()
        .batch()
        .v1()
        .jobs()
        .inNamespace(ApiServer.NAMESPACE)
        .withName(JobNames.jobName(run.id()))
        .get();
  }

  /**
   * A cancelled run's Job is deleted; a timed-out one stays, as Kubernetes keeps a failed Job until
   * its {@code ttlSecondsAfterFinished}, but finished: no pod of it is active.
   */
  @Override
  protected void assertNothingLeft(RunRecord run) {
    Job job = job(run);
    if (job != null) {
      assertThat(job.getStatus().getConditions())
          .as("the run's Job has finished")
          .anyMatch(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()));
      assertThat(job.getStatus().getActive()).as("active pods of the run's Job").isIn(null, 0);
    }
  }

  @AfterEach
  void closeHarness() {
    if (harness != null) {
      harness.close();
    }
  }
}
