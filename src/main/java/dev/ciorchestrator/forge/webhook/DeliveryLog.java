package dev.ciorchestrator.forge.webhook;

import dev.ciorchestrator.forge.ForgeApiMetrics;
import org.jboss.logging.Logger;

/**
 * Counts every delivery of one forge's webhook and logs it as one line (WARN for refusals, INFO
 * otherwise), never with a secret, a signature or a token: only the delivery id, event, action,
 * repository, result and why, each cut to one bounded line whatever a client sent.
 */
public final class DeliveryLog {
  private static final int SHOWN = 120;

  private final String forge;
  private final ForgeApiMetrics metrics;
  private final Logger log;

  /**
   * @param log the category the lines go to: the forge's webhook class
   */
  public DeliveryLog(String forge, ForgeApiMetrics metrics, Logger log) {
    this.forge = forge;
    this.metrics = metrics;
    this.log = log;
  }

  /** Counts and logs {@code o}, a delivery with id {@code id} and event header {@code event}. */
  public void counted(String id, String event, Outcome o) {
    metrics.webhook(forge, o.event(), o.result());
    Logger.Level level = o.refused() ? Logger.Level.WARN : Logger.Level.INFO;
    log.logf(
        level,
        "%s delivery %s: event=%s action=%s repo=%s result=%s (%d): %s",
        forge,
        shown(id),
        shown(event),
        shown(o.action()),
        shown(o.repo()),
        o.result(),
        o.status(),
        shown(o.message()));
  }

  /** Header and payload text as logged: one line, bounded, whatever a client sent. */
  static String shown(String text) {
    if (text == null || text.isEmpty()) {
      return "-";
    }
    String line = text.replaceAll("\\p{Cntrl}", "?");
    return line.length() <= SHOWN ? line : line.substring(0, SHOWN) + "...";
  }
}
