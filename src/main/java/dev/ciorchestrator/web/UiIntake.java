package dev.ciorchestrator.web;

import dev.ciorchestrator.intake.IntakeRule;
import dev.ciorchestrator.intake.IntakeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The rule for the web UI's forms ({@link UiPaths}): a browser posts {@code
 * application/x-www-form-urlencoded}, which is percent-encoded ASCII whatever charset the form
 * names, so the API's JSON-only checks (UTF-8, no other charset) do not apply. The size limit and
 * the intake's gate and deadline do: a form is read like any other body, before any resource.
 */
@ApplicationScoped
public class UiIntake implements IntakeRule {
  private final long maxBodySize;

  @Inject
  public UiIntake(IntakeSettings settings) {
    this.maxBodySize = settings.maxBodySize().asLongValue();
  }

  @Override
  public boolean governs(String path) {
    return UiPaths.owns(path);
  }

  @Override
  public long maxBodySize() {
    return maxBodySize;
  }

  @Override
  public String maxBodySizeSetting() {
    return "ci.intake.max-body-size";
  }
}
