package dev.ciorchestrator.run.postgres;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.run.RunQuery;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement of one {@link RunQuery} page: newest first by {@code (queued_at, id)}, the keyset
 * cursor as a row comparison the composite indexes of migrations V1 and V5 answer as a range.
 * Public so a benchmark can ask the server how long the very same statement takes ({@code EXPLAIN
 * ANALYZE}).
 *
 * @param params the values of the statement's {@code ?}, in order
 */
public record PageSql(String sql, List<Object> params) {
  public PageSql {
    params = List.copyOf(params);
  }

  public static PageSql of(RunQuery q) {
    StringBuilder sql = new StringBuilder("SELECT id, version, record FROM runs WHERE true");
    List<Object> params = new ArrayList<>();
    if (!q.repo().isEmpty()) {
      sql.append(" AND repo = ?");
      params.add(q.repo());
    }
    if (q.change().isPresent()) {
      sql.append(" AND change_number = ?");
      params.add(q.change().getAsLong());
    }
    if (!q.job().isEmpty()) {
      sql.append(" AND job = ?");
      params.add(q.job());
    }
    if (q.state().isPresent()) {
      sql.append(" AND state = ?");
      params.add(q.state().get().name());
    }
    if (!q.batch().isEmpty()) {
      // rare (the queue's page of one batch), so read from the record rather than indexed
      sql.append(" AND change_number = 0 AND starts_with(record->'key'->>'ref', ?)");
      sql.append(" AND right(record->'key'->>'ref', ?) = ?");
      params.add(RunKey.BATCH_REF);
      params.add(q.batch().length() + 1);
      params.add("@" + q.batch());
    }
    if (q.before().isPresent()) {
      sql.append(" AND (queued_at, id) < (?, ?)");
      params.add(Timestamp.from(q.before().get().queuedAt()));
      params.add(q.before().get().id());
    }
    sql.append(" ORDER BY queued_at DESC, id DESC LIMIT ?");
    params.add(q.limit());
    return new PageSql(sql.toString(), params);
  }
}
