package dev.ciorchestrator.forge.command;

import java.util.List;
import java.util.Objects;

/**
 * One slash command read from a change comment (DESIGN.md "Commands"). Forge-neutral: every forge
 * adapter hands comment bodies to {@link CommandParser} and folds the result with {@link
 * CommandFold}.
 */
public sealed interface Command {
  /**
   * Whether what this command does depends on who wrote it, so an adapter must know whether its
   * commenter is trusted: a job request, {@code /ok-to-test}, and lifting a hold.
   */
  default boolean needsRole() {
    return this instanceof Test
        || this instanceof Retest
        || this instanceof Custom
        || this instanceof OkToTest
        || (this instanceof Hold h && !h.on());
  }

  /** How many job requests this command makes: one per job of a {@code /test}, else 0 or 1. */
  default int requests() {
    if (this instanceof Test t) {
      return t.jobs().size();
    }
    return this instanceof Retest || this instanceof Custom ? 1 : 0;
  }

  /** {@code /test a b} or {@code /test all}; job names keep their case, {@code all} does not. */
  record Test(List<String> jobs) implements Command {
    public Test {
      jobs = List.copyOf(jobs);
      if (jobs.isEmpty()) {
        throw new IllegalArgumentException("/test needs at least one job");
      }
    }
  }

  /**
   * A {@code /word} with no arguments that is none of ours: a job's own command ({@code command:
   * /lint}) if the repository has one, which only the planner can tell.
   */
  record Custom(String line) implements Command {
    public Custom {
      Objects.requireNonNull(line, "line");
    }
  }

  /** {@code /retest}: rerun the failed jobs of the head SHA. */
  record Retest() implements Command {}

  /** {@code /hold} ({@code on}) or {@code /hold cancel} and {@code /unhold} (not {@code on}). */
  record Hold(boolean on) implements Command {}

  /** {@code /lgtm} ({@code given}) or {@code /lgtm cancel}. */
  record Lgtm(boolean given) implements Command {}

  /** {@code /approve} ({@code given}) or {@code /approve cancel}. */
  record Approve(boolean given) implements Command {}

  /** {@code /ok-to-test}: a trusted user vouches for an untrusted author's change. */
  record OkToTest() implements Command {}

  /**
   * A known command used wrongly, e.g. {@code /test} with no job. Kept rather than dropped so the
   * user can be told why nothing happened; unknown {@code /words} are not reported at all.
   */
  record Invalid(String line, String reason) implements Command {
    public Invalid {
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
