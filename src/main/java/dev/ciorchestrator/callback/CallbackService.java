package dev.ciorchestrator.callback;

import dev.ciorchestrator.config.model.Callback;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.RunListener;
import dev.ciorchestrator.reconcile.GateDecision;
import dev.ciorchestrator.reconcile.GateListener;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.WriteFence;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Reports finished runs (from {@link RunEvents}) and published gate decisions (as the loop's {@link
 * GateListener}) to every callback that hears them, through the {@link CallbackDispatcher}. Runs on
 * the caller's thread only long enough to queue.
 */
@ApplicationScoped
@Startup
public class CallbackService implements RunListener, GateListener {
  private static final Logger LOG = Logger.getLogger(CallbackService.class);

  private final ConfigSyncService config;
  private final RunEvents events;
  private final CallbackSettings settings;
  private final Clock clock;
  private final CallbackMetrics metrics;
  private final RunLinks links;
  private final Optional<Targets.Deployment> deployment;
  private final DeliveryStore store;
  private final WriteFence fence;
  private final Set<String> warnedMissing = ConcurrentHashMap.newKeySet();
  private CallbackDispatcher dispatcher;

  @Inject
  public CallbackService(
      ConfigSyncService config,
      RunEvents events,
      CallbackSettings settings,
      RunLinks links,
      Clock clock,
      CallbackMetrics metrics,
      DeliveryStore store,
      WriteFence fence) {
    this.config = config;
    this.store = store;
    this.fence = fence;
    this.events = events;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.links = links;
    this.deployment = deployment(settings);
  }

  @PostConstruct
  void start() {
    dispatcher =
        new CallbackDispatcher(
            new HttpSender(settings.timeout()),
            clock,
            metrics,
            new Backoff(settings.initialBackoff(), settings.maxBackoff()),
            settings.maxAttempts(),
            settings.queueSize(),
            settings.workers(),
            store,
            fence,
            this::secret);
    events.register(this);
  }

  @PreDestroy
  void stop() {
    events.unregister(this);
    dispatcher.close();
  }

  @Override
  public void changed(RunRecord run) {
    if (!run.state().terminal()) {
      return;
    }
    Map<String, String> context = Reports.context(run.id(), run.key().repo(), run.key().job());
    List<Targets.Target> targets =
        Targets.of(
            config.current(),
            deployment,
            settings.secrets(),
            Callback.Event.RUN,
            run.key().repo(),
            run.key().job());
    send(Reports.RUN, Reports.run(run, links), context, targets);
  }

  @Override
  public void gateChanged(Change change, GateDecision gate, String configRevision) {
    List<Targets.Target> targets =
        Targets.of(
            config.current(),
            deployment,
            settings.secrets(),
            Callback.Event.GATE,
            change.repo(),
            null);
    send(
        Reports.GATE,
        Reports.gate(change, gate, configRevision),
        Map.of("repo", change.repo()),
        targets);
  }

  /** A secret setting's value now, for a delivery loaded from the store. */
  private Optional<String> secret(String setting) {
    if (setting.equals("ci.callbacks.secret")) {
      return deployment.map(Targets.Deployment::secret);
    }
    String prefix = "ci.callbacks.secrets.";
    return setting.startsWith(prefix)
        ? Optional.ofNullable(settings.secrets().get(setting.substring(prefix.length())))
        : Optional.empty();
  }

  /** Deliveries queued or waiting to retry. */
  public int pending() {
    return dispatcher.pending();
  }

  private void send(
      String event,
      Map<String, Object> payload,
      Map<String, String> context,
      List<Targets.Target> targets) {
    for (Targets.Target t : targets) {
      if (t.secret().isEmpty()) {
        missingSecret(event, context, t);
        continue;
      }
      dispatcher.submit(
          new Delivery(
              UUID.randomUUID().toString(),
              event,
              t.url(),
              t.secret().get(),
              payload,
              context,
              0,
              clock.instant(),
              t.secretSetting()));
    }
  }

  /**
   * An unsigned report would let anyone forge one, so none is sent. Warned once per callback and
   * setting (until the secret appears), counted every time.
   */
  private void missingSecret(String event, Map<String, String> context, Targets.Target t) {
    metrics.failed(event);
    if (!warnedMissing.add(t.origin() + " " + t.secretSetting())) {
      return;
    }
    context.forEach(MDC::put);
    try {
      LOG.warnf(
          "callback at %s (%s) not sent: the deployment has no secret %s",
          t.origin(), CallbackDispatcher.where(t.url()), t.secretSetting());
    } finally {
      context.keySet().forEach(MDC::remove);
    }
  }

  static Optional<Targets.Deployment> deployment(CallbackSettings s) {
    if (s.url().isEmpty()) {
      return Optional.empty();
    }
    URI url;
    try {
      url = URI.create(s.url().get());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("ci.callbacks.url: invalid URL: " + e.getMessage(), e);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalStateException("ci.callbacks.url: must be an absolute http or https URL");
    }
    if (s.secret().isEmpty() || s.secret().get().isEmpty()) {
      throw new IllegalStateException(
          "ci.callbacks.secret: required with ci.callbacks.url (reports are always signed)");
    }
    Set<String> events = new HashSet<>();
    for (String e : s.events()) {
      if (!Reports.events().contains(e)) {
        throw new IllegalStateException(
            "ci.callbacks.events: unknown event '" + e + "' (allowed: run, gate)");
      }
      events.add(e);
    }
    return Optional.of(new Targets.Deployment(url, s.secret().get(), events));
  }
}
