package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.cache.CacheEvents;
import dev.ciorchestrator.config.model.ExecutorKind;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunResults;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.executor.RunHooks;
import dev.ciorchestrator.executor.RunListener;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.kubernetes.JobStatusMapper.Observed;
import dev.ciorchestrator.executor.kubernetes.TrackedRun.Phase;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.RunPreparation;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.upload.UploadStaging;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs jobs as Kubernetes {@code batch/v1} Jobs named by the run id. Informers on the managed Jobs
 * and their pods drive every record move; {@link JobStatusMapper} decides what a Job means.
 *
 * <p>Unlike a local process, a Job outlives the orchestrator, so the crash windows differ from
 * {@link dev.ciorchestrator.executor.local.LocalExecutor}'s:
 *
 * <ul>
 *   <li><b>Record pending, create maybe sent</b>: the loop or this executor died around the create.
 *       Creating is create-if-absent on the Job name (a 409 is "already started" and is success),
 *       so {@link #recover} adopts a Job it finds and creates one it does not: never two.
 *   <li><b>Record pending, Job running</b>: the record moves to {@code running} only when a pod is
 *       seen running; an adopted Job is simply followed and the informer moves it.
 *   <li><b>Record running, Job gone</b>: nobody can tell how the run ended (its TTL passed, or
 *       someone deleted it), so it ends in {@code error}, eligible for retries.
 *   <li><b>Create failed without an answer</b> (timeout, reset): it may have been created. It is
 *       retried with backoff a bounded number of times — a retry of a create that did land gets a
 *       409 and adopts it — and after the last attempt the run ends in {@code error} and a delete
 *       is sent, so a late-landing Job does not run for a record that says it never did.
 *   <li><b>Cancel racing create</b>: kept in {@link TrackedRun}; a cancel during the create makes
 *       the creator delete the Job as soon as the create returns.
 * </ul>
 */
public final class KubernetesExecutor implements Executor, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(KubernetesExecutor.class);
  static final String NO_JOB = "job no longer in the config";
  static final String GONE =
      "the Job of this run no longer exists (deleted, or removed after its TTL), so its result is"
          + " unknown";
  private static final String BY_RUN = "run";

  private final KubernetesClient client;
  private final String namespace;
  private final JobRenderer renderer;
  private final RunStore store;
  private final JobSlots slots;
  private final Path logs;
  private final Clock clock;
  private final RunListener listener;
  private final ScheduledExecutorService pool;
  private final Retry retry;
  private final Duration logInterval;
  private final PodLogs podLogs;
  private final CacheEvents cacheEvents;
  private final Map<String, TrackedRun> held = new ConcurrentHashMap<>();
  private volatile Handback handback = Handback.NONE;
  private SharedIndexInformer<Job> jobs;
  private SharedIndexInformer<Pod> pods;
  private CompletableFuture<Void> synced = new CompletableFuture<>();

  /** Attempts at a create while the API server fails transiently; the wait doubles each time. */
  public record Retry(int attempts, Duration firstBackoff) {
    public Retry {
      if (attempts < 1) {
        throw new IllegalArgumentException("create-attempts must be >= 1, got " + attempts);
      }
    }

    Duration backoff(int failedAttempts) {
      return firstBackoff.multipliedBy(1L << Math.min(failedAttempts - 1, 16));
    }
  }

  /**
   * @param workDir logs are copied to {@code <workDir>/logs/<runId>.log}
   * @param pool runs creates, status moves and log copies; a few threads are enough, nothing waits
   *     on a run
   * @param cacheEvents counts the caches a run's pod restored and saved on the claim
   */
  public KubernetesExecutor(
      KubernetesClient client,
      String namespace,
      JobRenderer renderer,
      RunStore store,
      JobSlots slots,
      Path workDir,
      Clock clock,
      RunListener listener,
      ScheduledExecutorService pool,
      Retry retry,
      Duration logInterval,
      CacheEvents cacheEvents) {
    this.cacheEvents = cacheEvents;
    this.client = client;
    this.namespace = namespace;
    this.renderer = renderer;
    this.store = store;
    this.slots = slots;
    this.logs = workDir.resolve("logs");
    this.clock = clock;
    this.listener = listener;
    this.pool = pool;
    this.retry = retry;
    this.logInterval = logInterval;
    this.podLogs = new PodLogs(client, namespace);
  }

  /**
   * Runs whose pods upload (artifacts, reports, log) are taken in from {@code staging} when they
   * end, by {@code artifacts} and {@code hooks}, as local runs are from their workspace.
   */
  public KubernetesExecutor handingBack(
      UploadStaging staging, RunArtifacts artifacts, RunHooks hooks) {
    this.handback = new Handback(staging, artifacts, hooks);
    return this;
  }

  /**
   * Starts the informers (list, then watch, of managed Jobs and pods in the namespace). Returns at
   * once; an unreachable API server is retried by the informers, and runs to recover wait for their
   * first full listing.
   */
  public synchronized KubernetesExecutor open() {
    if (jobs != null) {
      return this;
    }
    jobs =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withLabel(JobNames.MANAGED_BY, JobNames.MANAGER)
            .runnableInformer(0);
    pods =
        client
            .pods()
            .inNamespace(namespace)
            .withLabel(JobNames.MANAGED_BY, JobNames.MANAGER)
            .runnableInformer(0);
    pods.addIndexers(Map.of(BY_RUN, pod -> List.of(runLabel(pod))));
    jobs.addEventHandler(new Changes<>());
    pods.addEventHandler(new Changes<>());
    // keep retrying, also the first listing: a cluster that is briefly away must not stop us
    jobs.exceptionHandler((started, t) -> true);
    pods.exceptionHandler((started, t) -> true);
    CompletableFuture<Void> jobsSynced = jobs.start().toCompletableFuture();
    CompletableFuture<Void> podsSynced = pods.start().toCompletableFuture();
    CompletableFuture.allOf(jobsSynced, podsSynced)
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                synced.complete(null);
              } else {
                synced.completeExceptionally(error);
              }
            });
    return this;
  }

  /** Completes once the informers hold a full listing (recovery decides only after that). */
  public CompletableFuture<Void> synced() {
    return synced;
  }

  /**
   * What the cluster says about {@code runId} now, from the informer caches alone (no request):
   * empty when its Job is not (or no longer) there.
   */
  public Optional<Observed> observed(String runId) {
    String name = JobNames.jobName(runId);
    Job job = jobs == null ? null : jobs.getIndexer().getByKey(namespace + "/" + name);
    return job == null
        ? Optional.empty()
        : Optional.of(JobStatusMapper.observe(job, pods.getIndexer().byIndex(BY_RUN, name)));
  }

  @Override
  public void start(RunRecord run, RunSpec spec) {
    TrackedRun queued;
    synchronized (held) {
      if (held.containsKey(run.id())) {
        return; // already queued or followed: a replayed start must not create twice
      }
      String lane = run.key().repo() + "/" + run.key().job();
      queued = new TrackedRun(run.id(), slots.acquire(lane, spec.job().maxConcurrency()));
      queued.spec = Optional.of(spec);
      held.put(run.id(), queued);
    }
    queued.ticket.thenAccept(slot -> submit(() -> create(queued, spec, 1), queued));
  }

  @Override
  public boolean cancel(String runId, String reason) {
    TrackedRun run = held.get(runId);
    if (run == null) {
      // a Job from before a restart that recovery has not reached still runs in the cluster
      String name = JobNames.jobName(runId);
      if (jobs == null || jobs.getIndexer().getByKey(namespace + "/" + name) == null) {
        return false;
      }
      delete(name);
      finish(runId, RunState.ABORTED, reason, "");
      forgetUploads(runId);
      return true;
    }
    Phase phase;
    synchronized (run) {
      if (run.ended || run.reason != null) {
        return true;
      }
      run.reason = reason;
      phase = run.phase;
    }
    if (phase == Phase.QUEUED && run.ticket.cancel(false)) {
      end(run, RunState.ABORTED, reason, ""); // never left the queue: nothing in the cluster
    } else if (phase == Phase.CREATED) {
      submit(
          () -> {
            copyLog(run); // before the delete takes the pod, and its log, away
            delete(run.jobName);
            end(run, RunState.ABORTED, reason, "");
          },
          run);
    }
    // QUEUED with a slot, or CREATING: the creating thread sees the reason and acts on it
    return true;
  }

  @Override
  public void recover(RunRecord run, Optional<RunSpec> spec) {
    if (run.state().terminal()) {
      return;
    }
    TrackedRun adopted;
    synchronized (held) {
      if (held.containsKey(run.id())) {
        return;
      }
      String lane = run.key().repo() + "/" + run.key().job();
      int max = spec.map(s -> s.job().maxConcurrency()).orElse(0);
      adopted = new TrackedRun(run.id(), slots.acquire(lane, max));
      adopted.phase = Phase.CREATED;
      adopted.spec = spec;
      held.put(run.id(), adopted);
    }
    open();
    synced.thenRun(() -> submit(() -> recoverSynced(adopted, run, spec), adopted));
  }

  /** The informers hold everything now, so a Job missing from them is missing. */
  private void recoverSynced(TrackedRun adopted, RunRecord run, Optional<RunSpec> spec) {
    if (jobOf(adopted).isPresent()) {
      evaluate(adopted); // adopted, never created again; the informer follows it from here
      return;
    }
    if (run.state() == RunState.RUNNING) {
      end(adopted, RunState.ERROR, GONE, "");
    } else if (spec.isEmpty()) {
      end(adopted, RunState.ERROR, NO_JOB, "");
    } else {
      // pending and never created: it waits for its slot like any new run
      adopted.releaseSlot();
      held.remove(run.id(), adopted);
      start(run, spec.get());
    }
  }

  @Override
  public Path logFile(String runId) {
    return logs.resolve(runId + ".log");
  }

  /** Stops the informers and the log copies; Jobs keep running in the cluster. */
  @Override
  public synchronized void close() {
    if (jobs != null) {
      jobs.close();
      pods.close();
    }
  }

  private void create(TrackedRun run, RunSpec spec, int attempt) {
    Optional<RunRecord> stored = current(run.id);
    if (stored.isEmpty() || stored.get().state() != RunState.PENDING) {
      end(run, null, "", ""); // aborted while queued (or by another instance)
      return;
    }
    boolean abort;
    boolean mayExist;
    synchronized (run) {
      abort = run.reason != null;
      mayExist = run.phase == Phase.CREATING; // a retry: an earlier attempt may have landed
      run.phase = Phase.CREATING;
    }
    if (abort) {
      if (mayExist) {
        delete(run.jobName);
      }
      end(run, RunState.ABORTED, run.reason, "");
      return;
    }
    Job job;
    try {
      job = renderer.render(stored.get(), spec);
    } catch (RunRejected e) {
      end(run, RunState.ERROR, e.getMessage(), "");
      return;
    }
    try {
      client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        if (ApiFailures.transientFailure(e) && attempt < retry.attempts()) {
          LOG.warnf(
              "run %s: creating its Job failed (%s), attempt %d of %d",
              run.id, e.getMessage(), attempt, retry.attempts());
          pool.schedule(
              () -> submit(() -> create(run, spec, attempt + 1), run),
              retry.backoff(attempt).toMillis(),
              TimeUnit.MILLISECONDS);
          return;
        }
        if (ApiFailures.transientFailure(e)) {
          delete(run.jobName); // an attempt without an answer may have created it
        }
        end(run, RunState.ERROR, ApiFailures.describe(e, namespace, attempt), "");
        return;
      }
      LOG.infof("run %s: its Job already exists; following it", run.id); // 409: already started
    }
    String reason;
    synchronized (run) {
      run.phase = Phase.CREATED;
      reason = run.reason;
    }
    if (reason != null) {
      delete(run.jobName);
      end(run, RunState.ABORTED, reason, "");
      return;
    }
    evaluate(run); // the informer may have shown the Job before we marked it created
  }

  /** Moves the record to what the Job and its pods say now. Safe to call any number of times. */
  private void evaluate(TrackedRun run) {
    synchronized (run) {
      if (run.phase != Phase.CREATED || run.ended || run.reason != null) {
        return; // the creator or the cancel owns the run at this point
      }
    }
    Optional<Job> job = jobOf(run);
    if (job.isEmpty()) {
      if (run.seen) {
        end(run, RunState.ERROR, GONE, "");
      }
      return; // just created: the informer has not seen it yet
    }
    run.seen = true;
    if (job.get().getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    List<Pod> found = pods.getIndexer().byIndex(BY_RUN, run.jobName);
    Observed seen = JobStatusMapper.observe(job.get(), found);
    if (seen.state() == RunState.PENDING) {
      return;
    }
    if (seen.state() == RunState.RUNNING) {
      started(run, seen.baseSha());
      return;
    }
    if (!settled(found)) {
      // the Job and pod informers are separate watches: the Job's end can arrive before its
      // pod's, and the pod holds the answer (a merge conflict, an exit code, the log), so ask once
      found = podsOf(run.jobName);
      seen = JobStatusMapper.observe(job.get(), found);
    }
    synchronized (run) {
      if (run.ended || run.settling) {
        return; // another event's evaluation is taking it in: once is enough
      }
      run.settling = true;
    }
    podLogs.copy(found, logFile(run.id));
    Observed decided = seen;
    String digest = ImageIds.of(found).orElse("");
    Handback.Ended ended =
        current(run.id)
            .map(
                r ->
                    handback.settle(
                        r, run.spec, decided.state(), decided.message(), logFile(run.id), digest))
            .orElse(new Handback.Ended(decided.state(), decided.message(), RunResults.NONE));
    CacheReports.report(job.get(), found, cacheEvents); // once: settling guards it
    end(run, ended.state(), ended.message(), decided.baseSha(), ended.results());
  }

  private static boolean settled(List<Pod> found) {
    return !found.isEmpty()
        && found.stream()
            .map(p -> p.getStatus() == null ? "" : String.valueOf(p.getStatus().getPhase()))
            .allMatch(phase -> phase.equals("Succeeded") || phase.equals("Failed"));
  }

  private List<Pod> podsOf(String jobName) {
    try {
      return client
          .pods()
          .inNamespace(namespace)
          .withLabel(JobNames.LABEL_RUN, jobName)
          .list()
          .getItems();
    } catch (KubernetesClientException e) {
      LOG.warnf("cannot list the pods of %s, deciding from the cache: %s", jobName, e.getMessage());
      return pods.getIndexer().byIndex(BY_RUN, jobName);
    }
  }

  private void started(TrackedRun run, String baseSha) {
    Optional<RunRecord> stored = current(run.id);
    if (stored.isPresent() && stored.get().state() == RunState.PENDING) {
      RunRecord record =
          baseSha.isEmpty() ? stored.get() : RunPreparation.withBaseSha(stored.get(), baseSha);
      move(
          record
              .withExecutor(ExecutorKind.KUBERNETES.wire())
              .withState(RunState.RUNNING, clock.instant(), ""));
    }
    synchronized (run) {
      if (run.logCopy == null && !run.ended) {
        long every = Math.max(1, logInterval.toMillis());
        run.logCopy =
            pool.scheduleWithFixedDelay(() -> copyLog(run), every, every, TimeUnit.MILLISECONDS);
      }
    }
  }

  /**
   * The live copy of a running pod's log. Under the run's lock and never once its end is being
   * taken in: that end writes the log itself (the pod's last words, or the log its sidecar
   * uploaded), and a periodic copy racing it could replace the whole log with a shorter one.
   */
  private void copyLog(TrackedRun run) {
    synchronized (run) {
      if (run.settling || run.ended) {
        return;
      }
      List<Pod> found = pods == null ? List.of() : pods.getIndexer().byIndex(BY_RUN, run.jobName);
      podLogs.copy(found, logFile(run.id));
    }
  }

  /** The run is over for this executor: slot, log copy and tracking go; the record moves last. */
  private void end(TrackedRun run, RunState state, String message, String baseSha) {
    end(run, state, message, baseSha, RunResults.NONE);
  }

  private void end(
      TrackedRun run, RunState state, String message, String baseSha, RunResults results) {
    synchronized (run) {
      if (run.ended) {
        return;
      }
      run.ended = true;
      if (run.logCopy != null) {
        run.logCopy.cancel(false);
      }
    }
    run.releaseSlot();
    held.remove(run.id, run);
    if (state != null) {
      finish(run.id, state, message, baseSha, results);
    }
    forgetUploads(run.id);
  }

  /**
   * A run's uploads go once its end is recorded (here or by another replica), never before: after a
   * crash in between, or a refused update, the leader still finds them, and a leader's sweep
   * deletes those of runs that ended.
   */
  private void forgetUploads(String runId) {
    if (current(runId).map(r -> r.state().terminal()).orElse(false)) {
      handback.forget(runId);
    }
  }

  private void finish(String runId, RunState state, String message, String baseSha) {
    finish(runId, state, message, baseSha, RunResults.NONE);
  }

  private void finish(
      String runId, RunState state, String message, String baseSha, RunResults results) {
    current(runId)
        .filter(r -> r.canMoveTo(state))
        .map(
            r ->
                baseSha.isEmpty() || !r.baseSha().isEmpty()
                    ? r
                    : RunPreparation.withBaseSha(r, baseSha))
        .ifPresent(r -> move(r.withState(state, clock.instant(), message).withResults(results)));
  }

  private void delete(String jobName) {
    try {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(namespace)
          .withName(jobName)
          .withPropagationPolicy(DeletionPropagation.BACKGROUND)
          .delete();
    } catch (KubernetesClientException e) {
      // it stops at its activeDeadlineSeconds at the latest; the record says why it was dropped
      LOG.warnf("cannot delete Job %s: %s", jobName, e.getMessage());
    }
  }

  private Optional<Job> jobOf(TrackedRun run) {
    return jobs == null
        ? Optional.empty()
        : Optional.ofNullable(jobs.getIndexer().getByKey(namespace + "/" + run.jobName));
  }

  private Optional<RunRecord> current(String runId) {
    try {
      return store.get(runId);
    } catch (IOException e) {
      LOG.errorf("cannot read run %s: %s", runId, e.getMessage());
      return Optional.empty();
    }
  }

  private void move(RunRecord next) {
    try {
      store.update(next);
    } catch (IllegalStateException e) {
      return; // someone else moved it forward first; theirs stands
    } catch (WriteFence.NotLeading e) {
      // deposed meanwhile: the new leader adopts the run and records its end
      LOG.infof(
          "run %s: not stored as %s, this replica no longer leads", next.id(), next.state().wire());
      return;
    } catch (IOException e) {
      LOG.errorf("cannot store run %s as %s: %s", next.id(), next.state().wire(), e.getMessage());
      return;
    }
    try {
      listener.changed(next);
    } catch (RuntimeException e) {
      LOG.warnf(e, "run listener failed for %s", next.id());
    }
  }

  private void submit(Runnable task, TrackedRun run) {
    try {
      pool.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.errorf(e, "run %s failed in the executor", run.id);
              end(run, RunState.ERROR, "executor failure: " + e, "");
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down: the record stays as it is and recover() picks it up after the restart
      held.remove(run.id, run);
      run.releaseSlot();
    }
  }

  private static String runLabel(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String run = labels == null ? null : labels.get(JobNames.LABEL_RUN);
    return run == null ? "" : run;
  }

  /** Informer events name a run; the move is decided on the pool, off the informer's thread. */
  private final class Changes<T extends HasMetadata> implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T object) {
      changed(object);
    }

    @Override
    public void onUpdate(T before, T after) {
      changed(after);
    }

    @Override
    public void onDelete(T object, boolean finalStateUnknown) {
      changed(object);
    }

    private void changed(T object) {
      String jobName = runLabel(object);
      TrackedRun run = held.get(jobName); // a run id is its Job's name, but for odd ids
      if (run == null || !run.jobName.equals(jobName)) {
        run =
            held.values().stream().filter(r -> r.jobName.equals(jobName)).findFirst().orElse(null);
      }
      if (run != null) {
        TrackedRun found = run;
        submit(() -> evaluate(found), found);
      }
    }
  }
}
