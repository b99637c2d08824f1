package dev.ciorchestrator.runtime;

import dev.ciorchestrator.artifact.ArtifactSection;
import dev.ciorchestrator.artifact.Artifacts;
import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.review.ConfigRepository;
import dev.ciorchestrator.config.review.ConfigReviewer;
import dev.ciorchestrator.config.review.HeadConfig;
import dev.ciorchestrator.config.sync.ConfigSettings;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.ExecutorSettings;
import dev.ciorchestrator.executor.RunContext;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.RunListener;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeConnections;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.metrics.LeaderMeters;
import dev.ciorchestrator.metrics.QueueMeters;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.ChangeBoard;
import dev.ciorchestrator.reconcile.GateListener;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.LoopProgress;
import dev.ciorchestrator.reconcile.PlanRules;
import dev.ciorchestrator.reconcile.ReconcileLoop;
import dev.ciorchestrator.reconcile.RepoExtension;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.reconcile.queue.QueueReconciler;
import dev.ciorchestrator.reconcile.queue.QueueStore;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.MemoryRetention;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.WatermarkSource;
import dev.ciorchestrator.run.Watermarks;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Wires the reconcile loop into the service: a pass over every repository on the timer, a pass over
 * one repository on each forge event and each run state change. The loop itself is plain Java; this
 * bean only feeds it.
 *
 * <p>With an election ({@link Elections}: a Kubernetes Lease or a PostgreSQL advisory lock) it
 * feeds the loop only while this instance leads ({@link LeaderLoop}): a follower drops timer, forge
 * and run events, and a new leader starts with a full pass. Without it the one instance leads from
 * the start, as before.
 */
@ApplicationScoped
@Startup
public class ReconcileService {
  private static final Logger LOG = Logger.getLogger(ReconcileService.class);

  private final ConfigSyncService config;
  private final Map<String, Forge> forges = new HashMap<>();
  private final RunStore runs;
  private final Executor executor;
  private final RunEvents events;
  private final ReconcileSettings settings;
  private final Clock clock;
  private final DemoSetup demo;
  private final LoopMetrics metrics;
  private final Elections elections;
  private final WatermarkSource watermarkSource;
  private final ControllerMemory.Source memorySource;
  private final LeaderMeters leaderMeters;
  private final GateListener gates;
  private final PublicUrl publicUrl;
  private final PlanRules rules;
  private final QueueStore.Source queueSource;
  private final QueueMeters queueMeters;
  private final ConfigSettings configSettings;
  private final ConfigReviewSettings review;
  private final ChangeBoard board;
  private final Artifacts artifacts;
  private final RunListener listener = this::runChanged;
  private LeaderLoop loop;
  private volatile ControllerMemory termMemory; // the memory of the current term's loop
  private volatile ConfigReviewer reviewer;
  private Election leadership;

  @Inject
  public ReconcileService(
      ConfigSyncService config,
      Instance<Forge> forges,
      Instance<ForgeConnections> connections,
      RunStore runs,
      Executor executor,
      RunEvents events,
      ReconcileSettings settings,
      Clock clock,
      DemoSetup demo,
      LoopMetrics metrics,
      Elections elections,
      WatermarkSource watermarkSource,
      ControllerMemory.Source memorySource,
      LeaderMeters leaderMeters,
      GateListener gates,
      PublicUrl publicUrl,
      ExecutorSettings executors,
      QueueStore.Source queueSource,
      QueueMeters queueMeters,
      ConfigSettings configSettings,
      ConfigReviewSettings review,
      ChangeBoard board,
      Artifacts artifacts) {
    this.config = config;
    this.rules = new PlanRules(settings.renewOkToTest(), executors.defaultExecutor());
    forges.forEach(f -> this.forges.put(f.id(), f));
    connections.forEach(c -> c.forges().forEach(f -> this.forges.put(f.id(), f)));
    this.runs = runs;
    this.executor = executor;
    this.events = events;
    this.settings = settings;
    this.clock = clock;
    this.demo = demo;
    this.metrics = metrics;
    this.elections = elections;
    this.watermarkSource = watermarkSource;
    this.memorySource = memorySource;
    this.leaderMeters = leaderMeters;
    this.gates = gates;
    this.publicUrl = publicUrl;
    this.queueSource = queueSource;
    this.queueMeters = queueMeters;
    this.configSettings = configSettings;
    this.review = review;
    this.board = board;
    this.artifacts = artifacts;
  }

  @PostConstruct
  void start() {
    demo.ensure(); // before the first pass, so the demo change starts at once
    loop = new LeaderLoop(this::newLoop);
    leaderMeters.watch(loop::leading);
    metrics.watchLiveness(() -> loop.loop().liveness());
    events.register(listener);
    leadership = elections.make(loop).orElse(null);
    if (leadership != null) {
      leadership.start();
    } else {
      loop.startedLeading();
    }
  }

  /** A loop for one term of leadership: its first pass recovers unfinished runs. */
  private ReconcileLoop newLoop() {
    Watermarks watermarks;
    ControllerMemory memory;
    QueueStore queues;
    try {
      watermarks = watermarkSource.open();
      memory = memorySource.open();
      queues = queueSource.open();
    } catch (IOException e) {
      // a damaged file must stop the service: guessing could re-run every postsubmit
      throw new UncheckedIOException(e);
    }
    termMemory = memory;
    LoopProgress progress = new LoopProgress(clock);
    RepoReconciler reconciler =
        new RepoReconciler(
            forges,
            runs,
            executor,
            watermarks,
            memory,
            clock,
            RunLinks.under(publicUrl::get),
            settings.resync(),
            progress.counting(metrics),
            gates,
            rules,
            board,
            extensions(queues));
    return new ReconcileLoop(
        config::current,
        config::syncNow,
        reconciler,
        clock,
        metrics,
        progress,
        settings.passLimits());
  }

  /** The merge queue, and the review of config changes unless it is turned off. */
  private List<RepoExtension> extensions(QueueStore queues) {
    List<RepoExtension> all = new ArrayList<>();
    all.add(new QueueReconciler(queues, metrics, queueMeters));
    all.add(new ArtifactSection(runs, artifacts.store(), RunLinks.under(publicUrl::get)));
    if (review.enabled()) {
      HeadConfig heads =
          new HeadConfig(
              new ConfigLoader(new CelPolicyEngine()),
              configSettings.path().orElse(""),
              configSettings.cacheDir());
      ConfigRepository which = new ConfigRepository(review.repository(), configSettings.repoUrl());
      // the impact's dry run takes seconds over many changes: off the loop, reported when ready
      reviewer =
          new ConfigReviewer(
              forges,
              which,
              heads,
              clock,
              review.shown(),
              publicUrl::get,
              ConfigReviewer.backgroundImpacts(),
              repo -> loop.request(repo));
      all.add(reviewer);
    }
    return all;
  }

  @Scheduled(
      identity = "reconcile",
      every = "${ci.reconcile.interval:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    loop.requestAll();
  }

  @SuppressWarnings("try") // a RunContext is a logging scope: opened and closed, never read
  private void runChanged(RunRecord run) {
    if (run.state().terminal()) {
      try (RunContext ignored = RunContext.of(run.id(), run.key().repo(), run.key().job())) {
        LOG.infof(
            "run %s %s%s",
            run.id(), run.state().wire(), run.message().isEmpty() ? "" : ": " + run.message());
      }
    }
    loop.request(run.key().repo());
  }

  void onForgeEvent(@Observes ForgeEvent event) {
    loop.request(event.repo());
  }

  /** The loop of the current term (a follower's last, or never started, loop), for its status. */
  public ReconcileLoop loop() {
    return loop.loop();
  }

  /** The review of a change to the config repository, as this term's loop last made it. */
  public Optional<dev.ciorchestrator.config.review.Review> configReview(long change) {
    ConfigReviewer current = reviewer;
    return current == null ? Optional.empty() : current.review(change);
  }

  /**
   * The current term's memory, if its store forgets closed changes: retention must forget through
   * the instance the loop writes, or the loop's next write would bring back what it forgot.
   */
  public Optional<MemoryRetention> memoryRetention() {
    return termMemory instanceof MemoryRetention r ? Optional.of(r) : Optional.empty();
  }

  /** For one retention pass: which changes are closed, as the board and the forges tell. */
  public MemoryRetention.OpenChanges openChanges() {
    return new ForgeOpenChanges(
        config::current, Map.copyOf(forges), (repo, n) -> board.get(repo, n).isPresent());
  }

  /** Whether this instance reconciles now; always true without leader election. */
  public boolean leader() {
    return loop.leading();
  }

  /** The election this instance takes part in; empty when leader election is off. */
  public Optional<Election> election() {
    return Optional.ofNullable(leadership);
  }

  // Before beans are destroyed, so the Kubernetes client can still release the lease: a graceful
  // stop then hands over within one retry period instead of a whole lease duration.
  void onShutdown(@Observes ShutdownEvent event) {
    if (leadership != null) {
      leadership.close();
    }
  }

  @PreDestroy
  void stop() {
    events.unregister(listener);
    if (leadership != null) {
      leadership.close();
    }
    loop.close();
  }
}
