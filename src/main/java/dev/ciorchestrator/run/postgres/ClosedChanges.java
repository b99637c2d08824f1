package dev.ciorchestrator.run.postgres;

import dev.ciorchestrator.run.MemoryRetention;
import dev.ciorchestrator.run.MemoryRetention.OpenChanges;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.ObjLongConsumer;
import javax.sql.DataSource;

/**
 * {@link MemoryRetention} of {@link PostgresControllerMemory}: each batch is read and forgotten in
 * its own statements, with the forge asked in between and no lock of the memory held meanwhile, so
 * the loop never waits for retention.
 */
final class ClosedChanges {
  private final DataSource db;
  private final WriteFence fence;
  private final ObjLongConsumer<String> forgotten;
  private RetentionSql.Remembered resumeAfter = RetentionSql.FIRST; // guarded by this

  /**
   * @param forgotten told of each change forgotten, after it is
   */
  ClosedChanges(DataSource db, WriteFence fence, ObjLongConsumer<String> forgotten) {
    this.db = db;
    this.fence = fence;
    this.forgotten = forgotten;
  }

  synchronized int forget(Instant cutoff, OpenChanges open, int batch, int batches)
      throws IOException {
    MemoryRetention.checkBatches(batch, batches);
    int count = 0;
    for (int i = 0; i < batches; i++) {
      fence.check("forgetting the memory of closed changes");
      List<RetentionSql.Remembered> looked;
      try (Connection c = db.getConnection()) {
        looked = RetentionSql.next(c, resumeAfter, batch);
      } catch (SQLException e) {
        throw PostgresRunStore.failed("reading which changes are remembered", e);
      }
      List<RetentionSql.Remembered> closed =
          looked.stream()
              .filter(m -> m.at().isBefore(cutoff) && open.closed(m.repo(), m.change()))
              .toList();
      count += forget(closed, cutoff);
      boolean end = looked.size() < batch;
      // at the end the next batch starts again from the first change
      resumeAfter = end ? RetentionSql.FIRST : looked.get(looked.size() - 1);
      if (end) {
        break;
      }
    }
    return count;
  }

  private int forget(List<RetentionSql.Remembered> closed, Instant cutoff) throws IOException {
    if (closed.isEmpty()) {
      return 0;
    }
    try (Connection c = db.getConnection()) {
      int count = RetentionSql.forget(c, closed, cutoff);
      closed.forEach(m -> forgotten.accept(m.repo(), m.change()));
      return count;
    } catch (SQLException e) {
      throw PostgresRunStore.failed("forgetting the memory of closed changes", e);
    }
  }
}
