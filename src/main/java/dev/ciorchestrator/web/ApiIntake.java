package dev.ciorchestrator.web;

import dev.ciorchestrator.intake.IntakeRule;
import dev.ciorchestrator.intake.IntakeSettings;
import dev.ciorchestrator.intake.JsonProblem;
import dev.ciorchestrator.intake.JsonText;
import dev.ciorchestrator.intake.Refusal;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rule for every body no other rule claims: the API's. The API takes JSON only, so a body must
 * be UTF-8 text before any resource decodes it (a resource reading a {@code String} would replace
 * invalid bytes silently, and Jackson would guess UTF-16 from zero bytes).
 */
final class ApiIntake implements IntakeRule {
  private final long maxBodySize;

  ApiIntake(IntakeSettings settings) {
    this.maxBodySize = settings.maxBodySize().asLongValue();
  }

  @Override
  public boolean governs(String path) {
    return true;
  }

  @Override
  public long maxBodySize() {
    return maxBodySize;
  }

  @Override
  public String maxBodySizeSetting() {
    return "ci.intake.max-body-size";
  }

  @Override
  public Optional<Refusal> beforeBody(Function<String, String> header) {
    return JsonText.charsetProblem(header.apply("Content-Type"))
        .map(why -> new Refusal(415, Refusal.MALFORMED, why, "Content-Type"));
  }

  @Override
  public Optional<Refusal> afterBody(byte[] body, Function<String, String> header) {
    try {
      JsonText.requireUtf8(ByteBuffer.wrap(body));
      return Optional.empty();
    } catch (JsonProblem e) {
      return Optional.of(Refusal.malformed(e.getMessage(), e.field()));
    }
  }
}
