package dev.ciorchestrator.web;

import dev.ciorchestrator.intake.IntakeRule;
import dev.ciorchestrator.intake.IntakeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;

/**
 * The intake of the pods' uploads ({@link RunUploadResource}): bodies are file chunks, binary, so
 * not held to the API's UTF-8 rule; each is bounded by {@code ci.intake.max-body-size} like every
 * body (the sidecar sends 256 KiB chunks). The run's token is checked by the resource, since it
 * names the run in the path, which a rule's header check does not see.
 */
@ApplicationScoped
public class UploadIntake implements IntakeRule {
  static final Pattern PATH =
      Pattern.compile("/api/v1/runs/[a-z0-9][a-z0-9-]{0,62}/upload/(file|log|done)");

  private final long maxBodySize;

  @Inject
  public UploadIntake(IntakeSettings settings) {
    this.maxBodySize = settings.maxBodySize().asLongValue();
  }

  @Override
  public boolean governs(String path) {
    return PATH.matcher(path).matches();
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
