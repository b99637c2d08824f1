package dev.ciorchestrator.web;

import dev.ciorchestrator.intake.Refusal;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request the intake refuses, as JSON ({@link ApiError}'s shape), on the event loop. A
 * body left unread is discarded (never kept) until it ends or the deadline passes, and then the
 * connection is closed: closing while the client still sends would reset the connection, and the
 * client could lose the answer. (HTTP/1.1 only: the service has HTTP/2 off, see
 * application.properties.)
 */
final class IntakeAnswer {
  private IntakeAnswer() {}

  /** {@code {"error": ..., "field": ...}}. */
  static String json(String error, String field) {
    return new JsonObject().put("error", error).put("field", field).encode();
  }

  /**
   * Answers {@code refusal}; {@code retryAfter} (seconds) goes on a 503. The connection closes once
   * the rest of the body is discarded, after {@code drainMillis} at the latest (0: at once).
   */
  static void refuse(RoutingContext ctx, Refusal refusal, long retryAfter, long drainMillis) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response
        .setStatusCode(refusal.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CONNECTION, "close");
    if (refusal.status() == 503) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    }
    if (!refusal.challenge().isEmpty()) {
      response.putHeader("WWW-Authenticate", refusal.challenge());
    }
    Future<Void> sent = response.end(json(refusal.error(), refusal.field()));
    boolean waitsForContinue = request.headers().contains(HttpHeaders.EXPECT, "100-continue", true);
    if (request.isEnded() || drainMillis <= 0 || waitsForContinue) {
      sent.onComplete(done -> request.connection().close());
      return;
    }
    long timer = ctx.vertx().setTimer(drainMillis, id -> request.connection().close());
    request.handler(discarded -> {});
    request.exceptionHandler(e -> request.connection().close());
    request.endHandler(
        end -> {
          ctx.vertx().cancelTimer(timer);
          sent.onComplete(done -> request.connection().close());
        });
    request.resume();
  }
}
