package dev.ciorchestrator.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Delivers reports on its own worker threads: {@link #submit} only queues, so neither the reconcile
 * loop nor an executor thread ever waits for a receiver. An attempt that gets no answer, a 5xx, a
 * 408 or a 429 is retried after a {@link Backoff}, up to {@code maxAttempts} attempts in all; any
 * other answer ends the delivery.
 */
public final class CallbackDispatcher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CallbackDispatcher.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Sender sender;
  private final Clock clock;
  private final CallbackMetrics metrics;
  private final Backoff backoff;
  private final int maxAttempts;
  private final DeliveryQueue queue;
  private final StoredDeliveries stored; // null: kept in memory only
  private final WriteFence fence; // null without a store
  private final List<Thread> workers = new ArrayList<>();

  public CallbackDispatcher(
      Sender sender,
      Clock clock,
      CallbackMetrics metrics,
      Backoff backoff,
      int maxAttempts,
      int queueSize,
      int workerCount) {
    this(sender, clock, metrics, backoff, maxAttempts, queueSize, workerCount, null, null, null);
  }

  /**
   * Keeps the queue in {@code store}, so what is queued outlives this process and a new leader
   * sends it; only while {@code fence} is open (this replica leads) are deliveries queued and sent.
   *
   * @param secrets reads a stored delivery's secret again from the setting it names
   */
  public CallbackDispatcher(
      Sender sender,
      Clock clock,
      CallbackMetrics metrics,
      Backoff backoff,
      int maxAttempts,
      int queueSize,
      int workerCount,
      DeliveryStore store,
      WriteFence fence,
      StoredDeliveries.Secrets secrets) {
    if (maxAttempts < 1 || workerCount < 1) {
      throw new IllegalArgumentException("need at least one attempt and one worker");
    }
    this.sender = sender;
    this.clock = clock;
    this.metrics = metrics;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
    this.queue = new DeliveryQueue(queueSize, clock);
    this.stored =
        store == null ? null : new StoredDeliveries(store, queueSize, secrets, queue, metrics);
    this.fence = fence;
    for (int i = 0; i < workerCount; i++) {
      Thread t = new Thread(this::work, "callback-delivery-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    if (stored != null) {
      fence.watch(stored); // loads what is stored now if this replica leads already
    }
  }

  /**
   * Queues {@code d}; never waits for a receiver. A full queue drops its oldest delivery, counted.
   * With a store, {@code d} is stored first; a follower's is not sent (counted as failed), and one
   * the store cannot take (the database is away) is sent from memory only.
   */
  public void submit(Delivery d) {
    if (stored != null) {
      try {
        stored.add(d).forEach(s -> drop(s.id(), s.event(), s.url(), s.context()));
      } catch (WriteFence.NotLeading e) {
        metrics.failed(d.event()); // the leader reports what it sees; a follower sends nothing
        withContext(d, () -> LOG.debugf("callback %s not sent: %s", d.id(), e.getMessage()));
        return;
      } catch (IOException e) {
        // sent from memory all the same: a report late is better than none
        withContext(
            d,
            () ->
                LOG.warnf(
                    "callback %s (%s) to %s is not stored, a restart would lose it: %s",
                    d.id(), d.event(), where(d.url()), e.getMessage()));
      }
    }
    queue.offer(d).ifPresent(x -> drop(x.id(), x.event(), x.url(), x.context()));
  }

  /** Deliveries queued or waiting to retry. */
  public int pending() {
    return queue.size();
  }

  /** The report exactly as one attempt sends it: payload plus delivery id and send time. */
  public static byte[] body(Delivery d, Instant sentAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", d.event());
    body.put("delivery", d.id());
    body.put("sentAt", sentAt.toString());
    body.putAll(d.payload());
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // the payload is built from strings, numbers, booleans, lists and maps only
      throw new IllegalStateException(e);
    }
  }

  /** Where a delivery goes, for log lines: scheme and host only, since paths may hold tokens. */
  static String where(URI url) {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    return url.getScheme() + "://" + url.getHost() + port;
  }

  private void drop(String id, String event, URI url, Map<String, String> context) {
    metrics.dropped(event);
    withContext(
        context,
        () ->
            LOG.warnf(
                "callback %s (%s) to %s dropped: the delivery queue is full",
                id, event, where(url)));
  }

  private void work() {
    try {
      for (Optional<Delivery> d = queue.take(); d.isPresent(); d = queue.take()) {
        Delivery delivery = d.get();
        withContext(delivery, () -> attempt(delivery));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    }
  }

  private void attempt(Delivery d) {
    Instant sentAt = clock.instant();
    byte[] body = body(d, sentAt);
    Map<String, String> headers =
        Map.of(
            Signature.HEADER, Signature.of(d.secret(), body),
            Signature.EVENT_HEADER, d.event(),
            Signature.DELIVERY_HEADER, d.id());
    int status;
    String problem;
    try {
      status = sender.post(d.url(), headers, body);
      problem = "HTTP " + status;
    } catch (IOException e) {
      status = 0;
      problem =
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    int made = d.attempt() + 1;
    Verdict verdict = Verdict.of(status);
    if (verdict == Verdict.DELIVERED) {
      metrics.delivered(d.event(), nonNegative(Duration.between(sentAt, clock.instant())));
      LOG.debugf("callback %s (%s) delivered to %s", d.id(), d.event(), where(d.url()));
      done(d);
    } else if (verdict == Verdict.RETRY && made < maxAttempts) {
      Duration wait = backoff.after(made);
      metrics.retried(d.event());
      LOG.infof(
          "callback %s (%s) to %s: %s; attempt %d of %d, next in %s",
          d.id(), d.event(), where(d.url()), problem, made, maxAttempts, wait);
      retry(d.retryAt(clock.instant().plus(wait)));
    } else {
      metrics.failed(d.event());
      LOG.warnf(
          "callback %s (%s) to %s failed after %d attempt(s): %s",
          d.id(), d.event(), where(d.url()), made, problem);
      done(d);
    }
  }

  private void retry(Delivery next) {
    if (stored == null) {
      queue.settled(next.id());
      submit(next);
    } else {
      stored.retry(next, x -> drop(x.id(), x.event(), x.url(), x.context()));
    }
  }

  private void done(Delivery d) {
    if (stored == null) {
      queue.settled(d.id());
    } else {
      stored.done(d);
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Log lines about a run's report carry the run's id, repository and job, like its own lines. */
  private static void withContext(Delivery d, Runnable r) {
    withContext(d.context(), r);
  }

  private static void withContext(Map<String, String> context, Runnable r) {
    context.forEach(MDC::put);
    try {
      r.run();
    } finally {
      context.keySet().forEach(MDC::remove);
    }
  }

  /**
   * Stops the workers; queued deliveries are not sent now: with a store, the next leader sends
   * them; without one, they are lost.
   */
  @Override
  public void close() {
    if (stored != null) {
      fence.unwatch(stored);
    }
    queue.close();
    for (Thread t : workers) {
      t.interrupt();
    }
  }
}
