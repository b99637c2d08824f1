package dev.ciorchestrator.web.ui;

import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import org.jboss.logging.Logger;

/** What a page says when the run store cannot be read: the operator's log gets the cause. */
final class Stores {
  private static final Logger LOG = Logger.getLogger(Stores.class);

  private Stores() {}

  static UiError unreadable(IOException e) {
    LOG.errorf(e, "the run store could not be read for a page");
    return new UiError(
        Status.SERVICE_UNAVAILABLE,
        "Runs unavailable",
        "The run store could not be read just now; try again (the service's log says why).");
  }
}
