package dev.ciorchestrator.config.validation;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Optional;

/** Five-field Unix cron expressions, the form Kubernetes CronJobs and GitHub Actions use. */
public final class Crons {
  private static final CronDefinition UNIX =
      CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);

  private Crons() {}

  public static Optional<String> problem(String expression) {
    try {
      // A parser per call: cron-utils does not document its parser as thread-safe.
      new CronParser(UNIX).parse(expression).validate();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "invalid cron expression '"
              + expression
              + "': "
              + e.getMessage()
              + " (expected five fields: minute hour day-of-month month day-of-week)");
    }
  }
}
