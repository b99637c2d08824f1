package dev.ciorchestrator.runtime;

import dev.ciorchestrator.reconcile.ChangeBoard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one {@link ChangeBoard} of the service: every term of leadership's loop writes to it, and the
 * web UI reads it, so it outlives any one loop.
 */
@ApplicationScoped
public class ChangeBoardProducer {
  @Produces
  @Singleton
  ChangeBoard board() {
    return new ChangeBoard();
  }
}
