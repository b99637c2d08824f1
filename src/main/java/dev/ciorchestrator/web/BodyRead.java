package dev.ciorchestrator.web;

import dev.ciorchestrator.intake.IntakeGate;
import dev.ciorchestrator.intake.Refusal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Receives one admitted body on the event loop, chunk by chunk, so no thread waits for a slow
 * client: within the deadline, within the size limit, and within the bytes its ticket holds (a
 * chunked body reserves more as it grows). Once the body is whole it goes on to {@code done}; any
 * breach goes to {@code refuse}, with whether the rest of the body is worth discarding.
 */
final class BodyRead {
  /** The most a body may hold, and the answer to one that holds more. */
  record Limit(long bytes, Refusal refusal) {}

  private final RoutingContext ctx;
  private final IntakeGate.Ticket ticket;
  private final Limit limit;
  private final BiConsumer<Refusal, Boolean> refuse;
  private final Consumer<byte[]> done;
  private final long declared;
  private byte[] body;
  private int length;
  private long timer;
  private boolean over;

  BodyRead(
      RoutingContext ctx,
      IntakeGate.Ticket ticket,
      long declared,
      Limit limit,
      BiConsumer<Refusal, Boolean> refuse,
      Consumer<byte[]> done) {
    this.ctx = ctx;
    this.ticket = ticket;
    this.declared = declared;
    this.limit = limit;
    this.refuse = refuse;
    this.done = done;
  }

  void start(long timeoutMillis, Refusal tooSlow) {
    HttpServerRequest request = ctx.request();
    timer = ctx.vertx().setTimer(timeoutMillis, id -> stop(tooSlow, false));
    request.handler(this::chunk);
    request.endHandler(end -> ended());
    request.exceptionHandler(e -> stop(null, false)); // the client went away; nothing to answer
    if (request.headers().contains(HttpHeaders.EXPECT, "100-continue", true)) {
      ctx.response().writeContinue();
    }
    request.resume();
  }

  private void chunk(Buffer chunk) {
    if (over) {
      return;
    }
    long needed = (long) length + chunk.length();
    if (needed > limit.bytes()) {
      stop(limit.refusal(), true);
      return;
    }
    if (needed > ticket.held() && !ticket.grow(needed - ticket.held())) {
      stop(Refusal.busy("no body memory left for the rest of this body"), true);
      return;
    }
    if (body == null || needed > body.length) {
      // first allocated at the first byte, not at the head: a client that stalls costs no heap;
      // a declared length is allocated once, a chunked body doubles up to the limit
      int size = (int) Math.min(limit.bytes(), Math.max(needed, Math.max(declared, 2L * length)));
      body = body == null ? new byte[size] : Arrays.copyOf(body, size);
    }
    chunk.getBytes(0, chunk.length(), body, length);
    length = (int) needed;
  }

  private void ended() {
    if (over) {
      return;
    }
    over = true;
    ctx.vertx().cancelTimer(timer);
    ticket.bodyRead();
    done.accept(
        body == null ? new byte[0] : length == body.length ? body : Arrays.copyOf(body, length));
  }

  private void stop(Refusal refusal, boolean drain) {
    if (over) {
      return;
    }
    over = true;
    body = null;
    ctx.vertx().cancelTimer(timer);
    ticket.close();
    if (refusal != null) {
      refuse.accept(refusal, drain);
    }
  }
}
