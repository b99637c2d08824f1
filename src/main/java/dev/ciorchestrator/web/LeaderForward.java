package dev.ciorchestrator.web;

import dev.ciorchestrator.intake.Refusal;
import dev.ciorchestrator.run.LeaderDirectory;
import dev.ciorchestrator.run.WriteFence;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A UI or API write that reaches a follower goes to the leader, whose address the leader recorded
 * in the shared store ({@link LeaderDirectory}): the same method, path, query, headers (the
 * caller's {@code Authorization} and session cookie among them) and body, already taken and bounded
 * by the {@link IntakeRoute}; the leader's answer comes back as it is. When no leader is known, or
 * it cannot be reached, the follower answers the request itself as before (a write of run state:
 * 503 "Not the leader"). A forwarded request is marked, so it is never forwarded again. Webhooks
 * stay with whichever replica took them, as do the health endpoints and signing in.
 */
@ApplicationScoped
public class LeaderForward {
  private static final Logger LOG = Logger.getLogger(LeaderForward.class);
  static final String FORWARDED = "X-Ci-Orchestrator-Forwarded";
  private static final Set<HttpMethod> WRITES =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length",
          "expect");

  private final WriteFence fence;
  private final LeaderDirectory directory;
  private final HttpClient client;

  public LeaderForward(WriteFence fence, LeaderDirectory directory, Vertx vertx) {
    this.fence = fence;
    this.directory = directory;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setConnectTimeout(2_000).setIdleTimeout(60).setMaxPoolSize(8));
  }

  void install(@Observes Router router) {
    // after the intake took the body, before any resource
    router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::route);
  }

  static boolean forwardable(HttpMethod method, String path) {
    if (!WRITES.contains(method) || path == null) {
      return false;
    }
    return !(path.startsWith("/hooks/")
        || path.startsWith("/q/")
        || path.equals("/login")
        || path.equals("/logout"));
  }

  void route(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (fence.isOpen()
        || request.getHeader(FORWARDED) != null
        || !forwardable(request.method(), ctx.normalizedPath())) {
      ctx.next();
      return;
    }
    ctx.vertx()
        .<Optional<LeaderDirectory.Leader>>executeBlocking(directory::leader, false)
        .onComplete(
            found -> {
              if (found.failed() || found.result().isEmpty()) {
                ctx.next(); // no leader known: answered here, as a follower
                return;
              }
              forward(ctx, found.result().get());
            });
  }

  private void forward(RoutingContext ctx, LeaderDirectory.Leader leader) {
    HttpServerRequest in = ctx.request();
    RequestOptions options =
        new RequestOptions()
            .setAbsoluteURI(leader.url() + in.uri())
            .setMethod(in.method())
            .setIdleTimeout(60_000);
    in.headers().forEach(h -> copy(h.getKey(), h.getValue(), options));
    options.addHeader(FORWARDED, "1");
    options.addHeader("X-Forwarded-For", in.remoteAddress().hostAddress());
    byte[] body = ctx.get(IntakeBody.KEY);
    Buffer payload = body == null ? Buffer.buffer() : Buffer.buffer(body);
    client
        .request(options)
        .onFailure(
            e -> {
              LOG.infof(
                  "the leader %s at %s is unreachable (%s)", leader.identity(), leader.url(), e);
              ctx.next(); // nothing was sent: answered here, as a follower
            })
        .onSuccess(
            out ->
                out.send(payload)
                    .onSuccess(answer -> relay(ctx, answer))
                    .onFailure(e -> lost(ctx, leader, e)));
  }

  private static void copy(String name, String value, RequestOptions options) {
    if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
      options.addHeader(name, value);
    }
  }

  private static void relay(RoutingContext ctx, HttpClientResponse answer) {
    HttpServerResponse out = ctx.response();
    out.setStatusCode(answer.statusCode());
    answer
        .headers()
        .forEach(
            h -> {
              if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.headers().add(h.getKey(), h.getValue());
              }
            });
    String length = answer.getHeader("Content-Length");
    if (length != null) {
      out.putHeader("Content-Length", length);
    } else {
      out.setChunked(true);
    }
    answer.pipeTo(out); // streamed: nothing of the answer is held whole
  }

  /** The request may have reached the leader: answering it here could do it twice. */
  private static void lost(RoutingContext ctx, LeaderDirectory.Leader leader, Throwable e) {
    LOG.warnf("a write forwarded to the leader %s got no answer: %s", leader.identity(), e);
    IntakeAnswer.refuse(
        ctx,
        new Refusal(
            503,
            "leader_unreachable",
            "forwarded to the leader "
                + leader.identity()
                + ", which did not answer; whether it was done is unknown: check, then retry",
            ""),
        1,
        0);
  }
}
