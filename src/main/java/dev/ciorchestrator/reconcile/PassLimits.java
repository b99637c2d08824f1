package dev.ciorchestrator.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the reconcile loop shares its time between repositories.
 *
 * @param parallelism how many repositories' passes may run at once; one repository's passes never
 *     overlap
 * @param budget how long one pass may go on planning changes before the rest carry over to the
 *     repository's next pass; empty for no limit
 */
public record PassLimits(int parallelism, Optional<Duration> budget) {
  /** One pass at a time, each planning all it can: the loop as it was before issue 18. */
  public static final PassLimits SERIAL = new PassLimits(1, Optional.empty());

  public PassLimits {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    Objects.requireNonNull(budget, "budget");
    budget.ifPresent(
        b -> {
          if (b.isNegative() || b.isZero()) {
            throw new IllegalArgumentException("budget must be positive, not " + b);
          }
        });
  }

  /** A new budget for one pass starting now. */
  PassBudget startPass() {
    return budget.map(b -> PassBudget.of(b, System::nanoTime)).orElseGet(PassBudget::unlimited);
  }
}
