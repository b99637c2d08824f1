package dev.ciorchestrator.runtime;

import dev.ciorchestrator.persist.FileQueueStore;
import dev.ciorchestrator.persist.PostgresQueueStore;
import dev.ciorchestrator.reconcile.queue.QueueStore;
import dev.ciorchestrator.run.wiring.StoreProducer;
import dev.ciorchestrator.run.wiring.StoreSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * Where the merge queues keep their state: in the store that holds the runs ({@code
 * ci.store.kind}), so with PostgreSQL every replica shares them and a new leader continues them;
 * with files, in {@code ci.queue.state-file}.
 */
@ApplicationScoped
public class QueueStores {
  @Produces
  @Singleton
  QueueStore.Source source(QueueSettings queue, StoreSettings store, StoreProducer stores) {
    if (store.kind() == StoreSettings.Kind.POSTGRES) {
      DataSource db = stores.database();
      return () -> new PostgresQueueStore(db);
    }
    Path file = queue.stateFile();
    return () -> new FileQueueStore(file);
  }
}
