package dev.ciorchestrator.web;

import dev.ciorchestrator.intake.IntakeGate;
import dev.ciorchestrator.intake.IntakeSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one {@link IntakeGate} of the service, shared by the intake route, health and metrics. */
public class IntakeBeans {
  @Produces
  @Singleton
  IntakeGate gate(IntakeSettings settings, Clock clock) {
    return new IntakeGate(
        settings.maxConcurrentReads(), settings.maxInFlightBytes().asLongValue(), clock);
  }
}
