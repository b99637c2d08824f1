package dev.ciorchestrator.forge.webhook;

import dev.ciorchestrator.intake.JsonText;
import java.util.Locale;
import java.util.Optional;

/** Whether a delivery's declared {@code Content-Type} is JSON's, for every forge's webhook. */
public final class JsonContent {
  private JsonContent() {}

  /** Why a {@code Content-Type} is not JSON's; none claimed is fine (the parser decides). */
  public static Optional<String> problem(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return Optional.empty();
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!type.equals("application/json") && !type.endsWith("+json")) {
      return Optional.of(
          "Content-Type must be application/json (set it in the webhook's settings), not "
              + contentType);
    }
    return JsonText.charsetProblem(contentType);
  }
}
