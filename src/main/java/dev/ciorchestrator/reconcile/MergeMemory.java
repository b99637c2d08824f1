package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A refused merge as summaries remembered it before the store did: a hidden last line naming the
 * head and base it was tried on and the forge's reason. Only read now, once per change after an
 * upgrade ({@link Recall}), so the upgrade neither sends the merge again nor says "Not merged" a
 * second time.
 */
final class MergeMemory {
  private static final Pattern LINE =
      Pattern.compile(
          "\\R<!-- ci-orchestrator:not-merged head=([0-9a-f]+) base=([0-9a-f]*)"
              + " reason=([A-Za-z0-9_-]*) -->$");

  private MergeMemory() {}

  /** The refusal a summary remembers, if it ends with one. */
  static Optional<MergeRefusal> read(String summary) {
    Matcher m = LINE.matcher(summary);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      String reason = new String(Base64.getUrlDecoder().decode(m.group(3)), StandardCharsets.UTF_8);
      return Optional.of(new MergeRefusal(m.group(1), m.group(2), reason));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not a line we wrote
    }
  }
}
