package dev.ciorchestrator.forge.webhook;

import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.ForgeApiMetrics;
import dev.ciorchestrator.intake.IntakeRule;
import dev.ciorchestrator.intake.Refusal;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The service side of one forge's {@code POST /hooks/<forge>}, whatever the forge: as the path's
 * {@link IntakeRule} it has the delivery's credentials checked before the body is read, counts and
 * logs one line per delivery, refused ones included (never a secret, a token or a signature), and
 * owns the config refresh a delivery to the config repository asks for. A forge adds how its
 * headers name the event, the delivery and the credential.
 */
public abstract class HookIntake implements IntakeRule {
  /**
   * One connection's webhook credential: a signing secret or a plain token.
   *
   * @param bot the login the orchestrator writes as on that connection
   */
  public record Credential(String connection, String secret, String bot) {}

  /** Where a forge's deliveries come in and how they are counted. */
  public record Path(String forge, String path, String maxBodySizeSetting, Logger logger) {}

  private final Path path;
  private final DeliveryLog log;
  private final ConfigRefresh refresh;
  private final long maxBodySize;

  protected HookIntake(
      Path path, long maxBodySize, ConfigSyncService config, ForgeApiMetrics metrics) {
    this.path = path;
    this.maxBodySize = maxBodySize;
    this.log = new DeliveryLog(path.forge(), metrics, path.logger());
    this.refresh = new ConfigRefresh(config::syncNow);
  }

  /** The forge's check of the headers alone: the event is known, the credential matches. */
  protected abstract Optional<Outcome> check(Function<String, String> header);

  /** The delivery's event name, as its headers say. */
  protected abstract String event(Function<String, String> header);

  /** The delivery's id, for replay detection and the log. */
  protected abstract String deliveryId(Function<String, String> header);

  /** The bounded metric tag of an event header. */
  protected abstract String metricEvent(String event);

  /**
   * The connections that have a credential (from {@code secret}); each that has none is warned
   * about at startup, since its deliveries will all be refused.
   *
   * @param setting the credential's setting name ({@code webhook-secret})
   */
  protected static <C> List<Credential> credentials(
      Path path,
      String label,
      String setting,
      Map<String, C> connections,
      Function<C, Optional<String>> secret,
      Function<C, String> bot) {
    List<Credential> out = new ArrayList<>();
    new TreeMap<>(connections)
        .forEach(
            (id, c) -> {
              String value = secret.apply(c).orElse("");
              if (value.isEmpty()) {
                path.logger()
                    .warnf(
                        "%s connection '%s' has no %s: POST %s refuses every delivery for its"
                            + " repositories (401), which are then seen by polling only; set"
                            + " ci.forge.%s.%s.%s",
                        label,
                        id,
                        setting.replace('-', ' '),
                        path.path(),
                        path.forge(),
                        id,
                        setting);
              } else {
                out.add(new Credential(id, value, bot.apply(c)));
              }
            });
    return out;
  }

  /** Asks for a config sync soon (coalesced), for deliveries to the config repository. */
  protected final Runnable refresh() {
    return refresh::request;
  }

  /** Counts and logs a handled delivery; returns it. */
  protected final Outcome counted(String id, String event, Outcome o) {
    log.counted(id, event, o);
    return o;
  }

  @Override
  public boolean governs(String p) {
    return path.path().equals(p);
  }

  @Override
  public long maxBodySize() {
    return maxBodySize;
  }

  @Override
  public String maxBodySizeSetting() {
    return path.maxBodySizeSetting();
  }

  @Override
  public Optional<Refusal> beforeBody(Function<String, String> header) {
    return check(header).map(o -> new Refusal(o.status(), o.result(), o.message(), o.field()));
  }

  /** A delivery the intake refused (no credential, too large, too slow, no room) counts too. */
  @Override
  public void refused(Refusal r, Function<String, String> header) {
    String event = event(header);
    counted(
        deliveryId(header),
        event,
        new Outcome(r.status(), r.reason(), metricEvent(event), "", "", r.error(), r.field()));
  }

  /** Protected, not package-private: CDI calls it on each forge's subclass, in other packages. */
  @PreDestroy
  protected void close() {
    refresh.close();
  }
}
