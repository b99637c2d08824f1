package dev.ciorchestrator.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  private final List<Thread> workers = new ArrayList<>();

  public CallbackDispatcher(
      Sender sender,
      Clock clock,
      CallbackMetrics metrics,
      Backoff backoff,
      int maxAttempts,
      int queueSize,
      int workerCount) {
    if (maxAttempts < 1 || workerCount < 1) {
      throw new IllegalArgumentException("need at least one attempt and one worker");
    }
    this.sender = sender;
    this.clock = clock;
    this.metrics = metrics;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
    this.queue = new DeliveryQueue(queueSize, clock);
    for (int i = 0; i < workerCount; i++) {
      Thread t = new Thread(this::work, "callback-delivery-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  /** Queues {@code d}; never blocks. A full queue drops its oldest delivery, counted. */
  public void submit(Delivery d) {
    queue.offer(d).ifPresent(this::drop);
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

  private void drop(Delivery dropped) {
    metrics.dropped(dropped.event());
    withContext(
        dropped,
        () ->
            LOG.warnf(
                "callback %s (%s) to %s dropped: the delivery queue is full",
                dropped.id(), dropped.event(), where(dropped.url())));
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
    } else if (verdict == Verdict.RETRY && made < maxAttempts) {
      Duration wait = backoff.after(made);
      metrics.retried(d.event());
      LOG.infof(
          "callback %s (%s) to %s: %s; attempt %d of %d, next in %s",
          d.id(), d.event(), where(d.url()), problem, made, maxAttempts, wait);
      submit(d.retryAt(clock.instant().plus(wait)));
    } else {
      metrics.failed(d.event());
      LOG.warnf(
          "callback %s (%s) to %s failed after %d attempt(s): %s",
          d.id(), d.event(), where(d.url()), made, problem);
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Log lines about a run's report carry the run's id, repository and job, like its own lines. */
  private static void withContext(Delivery d, Runnable r) {
    d.context().forEach(MDC::put);
    try {
      r.run();
    } finally {
      d.context().keySet().forEach(MDC::remove);
    }
  }

  /** Stops the workers; queued deliveries are not sent (they are reports, not state). */
  @Override
  public void close() {
    queue.close();
    for (Thread t : workers) {
      t.interrupt();
    }
  }
}
