package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.run.file.FileRunStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor against fabric8's CRUD mock API server, with {@link FakeKubelet} running the job
 * scripts in local bash. Every API request the executor makes is collected into {@link #SEEN}, and
 * the last test's check ({@link #requestsAreTheDocumentedOnes}) keeps {@link #EXPECTED} — the list
 * the Role in {@code k8s/} must grant — honest.
 */
class KubernetesExecutorTest {
  static final String REPO = "demo/app";
  static final String SHA = "a".repeat(40);
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  /** Every request the executor makes, as RBAC sees it; docs/kubernetes-executor.md lists them. */
  static final Set<ApiRequest> EXPECTED =
      Set.of(
          new ApiRequest("create", "batch", "jobs"),
          new ApiRequest("delete", "batch", "jobs"),
          new ApiRequest("list", "batch", "jobs"),
          new ApiRequest("watch", "batch", "jobs"),
          new ApiRequest("list", "", "pods"),
          new ApiRequest("watch", "", "pods"),
          new ApiRequest("get", "", "pods/log"));

  static final Set<ApiRequest> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
  static final java.util.concurrent.atomic.AtomicInteger FINISHED =
      new java.util.concurrent.atomic.AtomicInteger();

  @TempDir Path tmp;
  FileRunStore store;
  KubeHarness kube;
  final List<RunRecord> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    store = new FileRunStore(tmp.resolve("records"));
    kube = new KubeHarness(tmp, store, new JobSlots(), heard::add);
  }

  @AfterEach
  void tearDown() throws Exception {
    SEEN.addAll(kube.api.distinctRequests());
    FINISHED.incrementAndGet();
    kube.close();
  }

  /**
   * Nothing undocumented is ever sent; and when the whole class ran, everything documented was
   * needed (a selection of tests, e.g. {@code -Dtest=Class#method}, only checks the first half).
   */
  @AfterAll
  static void requestsAreTheDocumentedOnes() {
    assertThat(EXPECTED).containsAll(SEEN);
    long tests =
        java.util.Arrays.stream(KubernetesExecutorTest.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Test.class))
            .count();
    if (FINISHED.get() == tests) {
      assertThat(SEEN).containsExactlyInAnyOrderElementsOf(EXPECTED);
    }
  }

  static Job job(
      String name, String script, Duration timeout, Job.Resources resources, String image) {
    return new Job(
        name,
        List.of(REPO),
        new Job.Triggers(null, null, null, "/test " + name),
        null,
        true,
        image,
        script,
        Map.of("GREETING", "hello"),
        timeout,
        0,
        resources,
        0,
        null,
        List.of(),
        new SourcePosition("jobs.yaml", 3, 1));
  }

  static Job job(String name, String script) {
    return job(name, script, Duration.ofSeconds(30), Job.Resources.NONE, "bash:5");
  }

  RunRecord pending(String jobName) throws IOException {
    RunRecord run = TestRuns.pending(RunKey.forChange(REPO, 12, SHA, jobName, 1), T0);
    store.create(run);
    return run;
  }

  static RunSpec spec(Job job) {
    return new RunSpec(job, Path.of("unused"), "main", SHA);
  }

  RunRecord await(String id, Predicate<RunRecord> until) throws Exception {
    for (int i = 0; i < 600; i++) {
      Optional<RunRecord> run = store.get(id);
      if (run.isPresent() && until.test(run.get())) {
        return run.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + id + " never got there: " + store.get(id));
  }

  RunRecord awaitEnd(String id) throws Exception {
    return await(id, r -> r.state().terminal());
  }

  int jobsInCluster() {
    try (var client = kube.api.kubeletClient()) {
      return client.batch().v1().jobs().inNamespace(ApiServer.NAMESPACE).list().getItems().size();
    }
  }

  @Test
  void aSucceedingScriptEndsInSuccessWithItsLogAndBaseSha() throws Exception {
    RunRecord run = pending("unit");
    kube.executor().start(run, spec(job("unit", "echo \"$GREETING from $JOB_NAME on $BASE_SHA\"")));

    RunRecord done = awaitEnd(run.id());

    assertThat(done.state()).isEqualTo(RunState.SUCCESS);
    assertThat(done.baseSha()).isEqualTo(FakeKubelet.BASE_SHA);
    assertThat(Files.readString(kube.executor().logFile(run.id())))
        .isEqualTo("hello from unit on " + FakeKubelet.BASE_SHA + "\n");
    assertThat(heard).extracting(RunRecord::state).contains(RunState.RUNNING, RunState.SUCCESS);
  }

  @Test
  void aFailingExitCodeIsAFailureNamingIt() throws Exception {
    RunRecord run = pending("lint");
    kube.executor().start(run, spec(job("lint", "echo broken; exit 3")));

    RunRecord done = awaitEnd(run.id());

    assertThat(done.state()).isEqualTo(RunState.FAILURE);
    assertThat(done.message()).isEqualTo("exit code 3");
    assertThat(Files.readString(kube.executor().logFile(run.id()))).isEqualTo("broken\n");
  }

  @Test
  void passingTheDeadlineIsAFailureThatSaysItTimedOut() throws Exception {
    RunRecord run = pending("slow");
    kube.executor()
        .start(
            run,
            spec(
                job(
                    "slow",
                    "echo start; sleep 30",
                    Duration.ofSeconds(1),
                    Job.Resources.NONE,
                    "bash:5")));

    RunRecord done = awaitEnd(run.id());

    assertThat(done.state()).isEqualTo(RunState.FAILURE);
    assertThat(done.message()).isEqualTo("timed out after 1s");
  }

  @Test
  void cancelDeletesTheJobInTheBackgroundAndAbortsWithTheReason() throws Exception {
    RunRecord run = pending("long");
    kube.executor().start(run, spec(job("long", "echo started; sleep 30")));
    await(run.id(), r -> r.state() == RunState.RUNNING);

    assertThat(kube.executor().cancel(run.id(), "superseded by abc1234")).isTrue();

    RunRecord done = awaitEnd(run.id());
    assertThat(done.state()).isEqualTo(RunState.ABORTED);
    assertThat(done.message()).isEqualTo("superseded by abc1234");
    assertThat(kube.api.requests()).contains(new ApiRequest("delete", "batch", "jobs"));
    assertThat(kube.api.deleteBodies())
        .anyMatch(b -> b.contains("\"propagationPolicy\":\"Background\""));
    assertThat(jobsInCluster()).isZero();
  }

  @Test
  void cancelOfAQueuedRunCreatesNothing() throws Exception {
    Job one =
        new Job(
            "solo",
            List.of(REPO),
            new Job.Triggers(null, null, null, "/test solo"),
            null,
            true,
            "bash:5",
            "sleep 30",
            Map.of(),
            Duration.ofSeconds(30),
            1,
            Job.Resources.NONE,
            0,
            null,
            List.of(),
            null);
    RunRecord first = pending("solo");
    RunRecord second = TestRuns.pending(RunKey.forChange(REPO, 13, SHA, "solo", 1), T0);
    store.create(second);
    kube.executor().start(first, spec(one));
    kube.executor().start(second, spec(one));
    await(first.id(), r -> r.state() == RunState.RUNNING);

    assertThat(kube.executor().cancel(second.id(), "change closed")).isTrue();

    assertThat(awaitEnd(second.id()).state()).isEqualTo(RunState.ABORTED);
    assertThat(kube.api.jobCreates())
        .isEqualTo(1); // maxConcurrency 1: the second never left the queue
    kube.executor().cancel(first.id(), "done");
    awaitEnd(first.id());
  }

  @Test
  void aRestartAdoptsTheRunningJobAndNeverCreatesItAgain() throws Exception {
    RunRecord run = pending("adopt");
    RunSpec spec = spec(job("adopt", "sleep 1; echo finished"));
    kube.executor().start(run, spec);
    await(run.id(), r -> r.state() == RunState.RUNNING);

    KubernetesExecutor restarted = kube.restart();
    restarted.recover(store.get(run.id()).orElseThrow(), Optional.of(spec));

    RunRecord done = awaitEnd(run.id());
    assertThat(done.state()).isEqualTo(RunState.SUCCESS);
    assertThat(kube.api.jobCreates()).isEqualTo(1);
    assertThat(Files.readString(restarted.logFile(run.id()))).isEqualTo("finished\n");
  }

  @Test
  void aPendingRecordWhoseJobExistsIsAdoptedNotCreated() throws Exception {
    RunRecord run = pending("crashwindow");
    RunSpec spec = spec(job("crashwindow", "echo ok"));
    // the old orchestrator sent the create and died before the record moved
    String uid;
    try (var client = kube.api.kubeletClient()) {
      uid =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(ApiServer.NAMESPACE)
              .resource(new JobRenderer(RenderOptions.defaults()).render(run, spec))
              .create()
              .getMetadata()
              .getUid();
    }

    kube.executor().recover(run, Optional.of(spec));

    assertThat(awaitEnd(run.id()).state()).isEqualTo(RunState.SUCCESS);
    // Whether the informer had already seen the Job when recovery looked is a race: if not, the
    // create is sent and refused with 409, which is "already started". Either way the Job that
    // runs is the old orchestrator's, never a second one.
    assertThat(kube.api.jobCreates()).isLessThanOrEqualTo(1);
    try (var client = kube.api.kubeletClient()) {
      assertThat(
              client
                  .batch()
                  .v1()
                  .jobs()
                  .inNamespace(ApiServer.NAMESPACE)
                  .withName(JobNames.jobName(run.id()))
                  .get()
                  .getMetadata()
                  .getUid())
          .isEqualTo(uid);
    }
  }

  @Test
  void aStartOfARunWhoseJobExistsTakesThe409AsStarted() throws Exception {
    RunRecord run = pending("replayed");
    RunSpec spec = spec(job("replayed", "echo once"));
    try (var client = kube.api.kubeletClient()) {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(ApiServer.NAMESPACE)
          .resource(new JobRenderer(RenderOptions.defaults()).render(run, spec))
          .create();
    }

    kube.executor().start(run, spec);

    assertThat(awaitEnd(run.id()).state()).isEqualTo(RunState.SUCCESS);
    assertThat(kube.api.jobCreates()).isEqualTo(1); // refused with 409 and followed
    assertThat(jobsInCluster()).isEqualTo(1);
  }

  @Test
  void aPendingRecordWithoutAJobIsCreatedOnRecovery() throws Exception {
    RunRecord run = pending("fresh");
    kube.executor().recover(run, Optional.of(spec(job("fresh", "echo ok"))));

    assertThat(awaitEnd(run.id()).state()).isEqualTo(RunState.SUCCESS);
    assertThat(kube.api.jobCreates()).isEqualTo(1);
  }

  @Test
  void aRunningRecordWhoseJobIsGoneEndsInError() throws Exception {
    RunRecord run = pending("lost");
    RunRecord running = run.withState(RunState.RUNNING, T0, "");
    store.update(running);

    kube.executor().recover(running, Optional.of(spec(job("lost", "echo ok"))));

    RunRecord done = awaitEnd(run.id());
    assertThat(done.state()).isEqualTo(RunState.ERROR);
    assertThat(done.message()).isEqualTo(KubernetesExecutor.GONE);
    assertThat(kube.api.jobCreates()).isZero();
  }

  @Test
  void anImageThatDoesNotExistIsAnErrorNamingIt() throws Exception {
    kube.kubelet.missingImage("registry.example/nope:1");
    RunRecord run = pending("noimage");
    kube.executor()
        .start(
            run,
            spec(
                job(
                    "noimage",
                    "echo hi",
                    Duration.ofSeconds(30),
                    Job.Resources.NONE,
                    "registry.example/nope:1")));

    RunRecord done = awaitEnd(run.id());

    assertThat(done.state()).isEqualTo(RunState.ERROR);
    assertThat(done.message())
        .startsWith("image registry.example/nope:1 cannot be pulled (ErrImagePull)")
        .contains("not found");
    assertThat(kube.api.jobCreates()).isEqualTo(1);
  }

  @Test
  void aBadResourceQuantityIsAnErrorAndNothingIsSent() throws Exception {
    RunRecord run = pending("greedy");
    kube.executor()
        .start(
            run,
            spec(
                job(
                    "greedy",
                    "echo hi",
                    Duration.ofSeconds(30),
                    new Job.Resources("2", "1GG"),
                    "bash:5")));

    RunRecord done = awaitEnd(run.id());

    assertThat(done.state()).isEqualTo(RunState.ERROR);
    assertThat(done.message())
        .isEqualTo(
            "job greedy (jobs.yaml:3:1): resources.memory \"1GG\" is not a Kubernetes quantity (e.g. 512Mi or 2Gi)");
    assertThat(kube.api.jobCreates()).isZero();
  }

  @Test
  void aRejectedJobIsAnErrorAtOnce() throws Exception {
    kube.api.failJobCreates(422, 1);
    RunRecord run = pending("invalid");
    kube.executor().start(run, spec(job("invalid", "echo hi")));

    RunRecord done = awaitEnd(run.id());

    assertThat(done.state()).isEqualTo(RunState.ERROR);
    assertThat(done.message())
        .isEqualTo(
            "the Kubernetes API server rejected the Job as invalid (422): injected failure 422");
    assertThat(kube.api.jobCreates()).isEqualTo(1);
  }

  @Test
  void aForbiddenCreateIsAnErrorNamingTheRole() throws Exception {
    kube.api.failJobCreates(403, 5);
    RunRecord run = pending("forbidden");
    kube.executor().start(run, spec(job("forbidden", "echo hi")));

    RunRecord done = awaitEnd(run.id());

    assertThat(done.state()).isEqualTo(RunState.ERROR);
    assertThat(done.message())
        .contains("(403 Forbidden)")
        .contains("must allow create on jobs in namespace ci-runs");
    assertThat(kube.api.jobCreates()).isEqualTo(1); // a refusal is not retried
  }

  @Test
  void aServerErrorIsRetriedAndTheRunStartsOnce() throws Exception {
    kube.api.failJobCreates(503, 2);
    RunRecord run = pending("flaky");
    kube.executor().start(run, spec(job("flaky", "echo made it")));

    RunRecord done = awaitEnd(run.id());

    assertThat(done.state()).isEqualTo(RunState.SUCCESS);
    assertThat(kube.api.jobCreates()).isEqualTo(3);
    assertThat(jobsInCluster()).isEqualTo(1);
  }

  @Test
  void aServerThatKeepsFailingEndsTheRunInErrorAfterTheLastAttempt() throws Exception {
    kube.api.failJobCreates(500, 100);
    RunRecord run = pending("down");
    kube.executor().start(run, spec(job("down", "echo hi")));

    RunRecord done = awaitEnd(run.id());

    assertThat(done.state()).isEqualTo(RunState.ERROR);
    assertThat(done.message())
        .isEqualTo(
            "the Kubernetes API server kept failing (500) after 3 attempts: injected failure 500");
    assertThat(kube.api.jobCreates()).isEqualTo(3);
  }

  @Test
  void anUnreachableServerEndsTheRunInErrorNotPending() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: nothing listens there
    }
    KubernetesExecutor offline = kube.build(ApiServer.unreachableClient(port));
    RunRecord run = pending("offline");
    offline.start(run, spec(job("offline", "echo hi")));

    RunRecord done = awaitEnd(run.id());

    assertThat(done.state()).isEqualTo(RunState.ERROR);
    assertThat(done.message())
        .startsWith("the Kubernetes API server could not be reached after 3 attempts: ");
  }
}
