package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.run.WriteFence;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * What a page says when the run store cannot be read, or refuses a follower's write: the operator's
 * log gets the cause.
 */
final class Stores {
  private static final Logger LOG = Logger.getLogger(Stores.class);

  private Stores() {}

  static UiError unreadable(IOException e) {
    if (e instanceof WriteFence.NotLeading) {
      // not a fault: with several replicas only the leader changes runs
      LOG.infof("a page's write was refused: %s", e.getMessage());
      return new UiError(
          Status.SERVICE_UNAVAILABLE,
          "Not the leader",
          "This replica does not lead, and only the leader changes runs; try again in a moment.");
    }
    LOG.errorf(e, "the run store could not be read for a page");
    return new UiError(
        Status.SERVICE_UNAVAILABLE,
        "Runs unavailable",
        "The run store could not be read just now; try again (the service's log says why).");
  }
}
