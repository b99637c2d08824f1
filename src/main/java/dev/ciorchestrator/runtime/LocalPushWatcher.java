package dev.ciorchestrator.runtime;

import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.forge.local.PushDetector;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * A {@code git push} to the embedded forge's repositories goes straight to disk, past the API, so
 * nothing announces it. This notices it: every {@code ci.forge.local.watch-interval} it looks at
 * each local repository's branches, which costs a few file stats while nothing changed, and fires a
 * {@link ForgeEvent} when they did, as a forge's webhook would.
 */
@ApplicationScoped
public class LocalPushWatcher {
  private static final Logger LOG = Logger.getLogger(LocalPushWatcher.class);

  private final ConfigSyncService config;
  private final PushDetector pushes;
  private final Event<ForgeEvent> events;

  @Inject
  public LocalPushWatcher(ConfigSyncService config, LocalForge forge, Event<ForgeEvent> events) {
    this.config = config;
    this.pushes = new PushDetector(forge);
    this.events = events;
  }

  @Scheduled(
      identity = "local-push-watcher",
      every = "${ci.forge.local.watch-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void look() {
    for (Repository repository : config.current().repositories()) {
      if (!repository.forge().equals(LocalForge.ID)) {
        continue;
      }
      String repo = repository.name();
      try {
        if (pushes.pushed(repo)) {
          LOG.debugf("push seen in %s", repo);
          events.fire(new ForgeEvent(LocalForge.ID, repo));
        }
      } catch (IOException | RuntimeException e) {
        // the reconcile pass reports a repository it cannot read; watching quietly is enough here
        LOG.debugf("cannot watch %s: %s", repo, e.getMessage());
      }
    }
  }
}
