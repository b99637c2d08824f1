package dev.ciorchestrator.run;

import dev.ciorchestrator.domain.RunRecord;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where run records live. {@link #create} is create-if-absent on the deterministic run id and is
 * the only way a run comes to exist, so a restart, a second replica or a replayed event can never
 * start a run twice (DESIGN.md "Runs and idempotency").
 */
public interface RunStore {
  /**
   * Stores {@code record} unless a record with its id exists.
   *
   * @return true if this call created it; false if it already existed (the stored one is kept)
   */
  boolean create(RunRecord record) throws IOException;

  /**
   * Replaces the stored record of the same id with {@code next}, which must be a forward state
   * change ({@link RunRecord#canMoveTo}).
   *
   * @throws IllegalStateException if no record exists or the state would move backwards
   */
  void update(RunRecord next) throws IOException;

  Optional<RunRecord> get(String id) throws IOException;

  /** Every stored record, ordered by id. */
  List<RunRecord> all() throws IOException;

  /**
   * The records of one repository ({@code owner/name}), ordered by id. Stores that index by
   * repository override this; the default filters {@link #all()}.
   */
  default List<RunRecord> forRepo(String repo) throws IOException {
    return all().stream().filter(r -> r.key().repo().equals(repo)).toList();
  }

  /**
   * One page of {@code query}. Stores that index runs override this; the default sorts what {@link
   * #forRepo} or {@link #all} lists.
   */
  default List<RunRecord> page(RunQuery query) throws IOException {
    List<RunRecord> source = query.repo().isEmpty() ? all() : forRepo(query.repo());
    return source.stream()
        .filter(query::matches)
        .sorted(RunQuery.NEWEST_FIRST)
        .limit(query.limit())
        .toList();
  }
}
