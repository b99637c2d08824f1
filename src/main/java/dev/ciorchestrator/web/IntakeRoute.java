package dev.ciorchestrator.web;

import dev.ciorchestrator.intake.IntakeGate;
import dev.ciorchestrator.intake.IntakeMetrics;
import dev.ciorchestrator.intake.IntakeRule;
import dev.ciorchestrator.intake.IntakeSettings;
import dev.ciorchestrator.intake.Refusal;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes every request body in before any resource sees it (docs/http-intake.md), in this order: the
 * declared length against the limit (413), the endpoint's header checks (a webhook's signature
 * header: 401), room in the {@link IntakeGate} (503 with {@code Retry-After}), then the body
 * itself, read on the event loop within {@code ci.intake.body-timeout} (408) and the limit (413),
 * and the endpoint's check of the whole body. Only then does the request go on, its body in memory,
 * to Quarkus REST ({@link IntakeBody}); no worker thread ever waits for a client.
 */
@ApplicationScoped
public class IntakeRoute {
  private static final Logger LOG = Logger.getLogger(IntakeRoute.class);
  private static final String QUARKUS_LIMIT = "quarkus.http.limits.max-body-size";

  private final ApiAuth auth;
  private final IntakeGate gate;
  private final IntakeSettings settings;
  private final IntakeMetrics metrics;
  private final List<IntakeRule> rules;
  private final IntakeRule api;
  private final long quarkusLimit; // Long.MAX_VALUE when unset

  @Inject
  public IntakeRoute(
      IntakeGate gate,
      IntakeSettings settings,
      IntakeMetrics metrics,
      Instance<IntakeRule> rules,
      VertxHttpConfig http,
      ApiAuth auth) {
    this.auth = auth;
    this.gate = gate;
    this.settings = settings;
    this.metrics = metrics;
    this.rules = rules.stream().toList();
    this.api = new ApiIntake(settings);
    this.quarkusLimit =
        http.limits().maxBodySize().map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
  }

  void install(@Observes Router router) {
    // ahead of Quarkus' own size check, which answers a bare 413
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::take);
  }

  void take(RoutingContext ctx) {
    try {
      admit(ctx);
    } catch (RuntimeException e) {
      String id = UUID.randomUUID().toString();
      LOG.errorf(e, "the intake failed unexpectedly (error id %s)", id);
      IntakeAnswer.refuse(
          ctx,
          new Refusal(
              500, "error", "internal error " + id + "; the service log has its details", ""),
          0,
          0);
    }
  }

  private void admit(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    IntakeRule rule =
        rules.stream().filter(r -> r.governs(ctx.normalizedPath())).findFirst().orElse(api);
    long declared;
    try {
      declared = declaredLength(request);
    } catch (NumberFormatException e) {
      refuse(
          ctx,
          rule,
          Refusal.malformed("Content-Length must be a whole number of bytes", "Content-Length"),
          false);
      return;
    }
    boolean chunked = request.headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true);
    if (declared <= 0 && !chunked) {
      ctx.next(); // no body to take
      return;
    }
    BodyRead.Limit limit = limit(rule);
    Optional<Refusal> early = unauthenticated(request);
    if (early.isEmpty()) {
      early =
          declared > limit.bytes()
              ? Optional.of(limit.refusal())
              : rule.beforeBody(request::getHeader);
    }
    if (early.isPresent()) {
      refuse(ctx, rule, early.get(), true);
      return;
    }
    IntakeGate.Admission admission = gate.admit(Math.max(declared, 0));
    if (admission instanceof IntakeGate.Refused no) {
      refuse(ctx, rule, Refusal.busy(no.why()), true);
      return;
    }
    read(ctx, rule, ((IntakeGate.Admitted) admission).ticket(), declared, limit);
  }

  /**
   * Whoever may not write is refused before a byte of the body is read or counted against the gate;
   * {@link ApiAuthFilter} judges requests without a body the same way.
   */
  private Optional<Refusal> unauthenticated(HttpServerRequest request) {
    return auth.judge(
            request.method().name(), request.path(), request.getHeader(HttpHeaders.AUTHORIZATION))
        .refusal()
        .map(e -> Refusal.unauthorized(e.getMessage(), ApiAuth.FIELD, ApiAuth.CHALLENGE));
  }

  private void read(
      RoutingContext ctx,
      IntakeRule rule,
      IntakeGate.Ticket ticket,
      long declared,
      BodyRead.Limit limit) {
    ctx.addEndHandler(answered -> ticket.close()); // also when the client goes away
    new BodyRead(
            ctx,
            ticket,
            declared,
            limit,
            (refusal, drain) -> refuse(ctx, rule, refusal, drain),
            body -> taken(ctx, rule, body))
        .start(settings.bodyTimeout().toMillis(), Refusal.tooSlow(settings.bodyTimeout()));
  }

  private void taken(RoutingContext ctx, IntakeRule rule, byte[] body) {
    Optional<Refusal> refused = rule.afterBody(body, ctx.request()::getHeader);
    if (refused.isPresent()) {
      refuse(ctx, rule, refused.get(), false);
      return;
    }
    ctx.put(IntakeBody.KEY, body);
    ctx.next();
  }

  private void refuse(RoutingContext ctx, IntakeRule rule, Refusal refusal, boolean drain) {
    metrics.refused(refusal.reason());
    rule.refused(refusal, ctx.request()::getHeader);
    IntakeAnswer.refuse(
        ctx,
        refusal,
        settings.retryAfter().toSeconds(),
        drain ? settings.bodyTimeout().toMillis() : 0);
  }

  /** The rule's limit, or Quarkus' own when that is lower: whichever binds is named in the 413. */
  private BodyRead.Limit limit(IntakeRule rule) {
    return quarkusLimit < rule.maxBodySize()
        ? new BodyRead.Limit(quarkusLimit, Refusal.tooLarge(quarkusLimit, QUARKUS_LIMIT))
        : new BodyRead.Limit(
            rule.maxBodySize(), Refusal.tooLarge(rule.maxBodySize(), rule.maxBodySizeSetting()));
  }

  private static long declaredLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    long length = Long.parseLong(value.strip());
    if (length < 0) {
      throw new NumberFormatException(value);
    }
    return length;
  }
}
