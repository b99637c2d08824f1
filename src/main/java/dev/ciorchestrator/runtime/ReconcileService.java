package dev.ciorchestrator.runtime;

import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.executor.RunContext;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.RunListener;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.persist.FileWatermarks;
import dev.ciorchestrator.reconcile.GateListener;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.ReconcileLoop;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.reconcile.RunStore;
import dev.ciorchestrator.report.RunLinks;
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
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Wires the reconcile loop into the service: a pass over every repository on the timer, a pass over
 * one repository on each forge event and each run state change. The loop itself is plain Java; this
 * bean only feeds it.
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
  private final GateListener gates;
  private final RunListener listener = this::runChanged;
  private ReconcileLoop loop;

  @Inject
  public ReconcileService(
      ConfigSyncService config,
      Instance<Forge> forges,
      RunStore runs,
      Executor executor,
      RunEvents events,
      ReconcileSettings settings,
      Clock clock,
      DemoSetup demo,
      LoopMetrics metrics,
      GateListener gates) {
    this.config = config;
    forges.forEach(f -> this.forges.put(f.id(), f));
    this.runs = runs;
    this.executor = executor;
    this.events = events;
    this.settings = settings;
    this.clock = clock;
    this.demo = demo;
    this.metrics = metrics;
    this.gates = gates;
  }

  @PostConstruct
  void start() {
    demo.ensure(); // before the first pass, so the demo change starts at once
    FileWatermarks watermarks;
    try {
      watermarks = new FileWatermarks(settings.stateFile());
    } catch (IOException e) {
      // a damaged file must stop the service: guessing could re-run every postsubmit
      throw new UncheckedIOException(e);
    }
    RepoReconciler reconciler =
        new RepoReconciler(
            forges,
            runs,
            executor,
            watermarks,
            clock,
            new RunLinks(settings.publicUrl()),
            settings.resync(),
            metrics,
            gates);
    loop = new ReconcileLoop(config::current, config::syncNow, reconciler, clock, metrics);
    events.register(listener);
    loop.start();
    loop.requestAll();
  }

  @Scheduled(
      identity = "reconcile",
      every = "${ci.reconcile.interval:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    loop.requestAll();
  }

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

  public ReconcileLoop loop() {
    return loop;
  }

  @PreDestroy
  void stop() {
    events.unregister(listener);
    loop.close();
  }
}
