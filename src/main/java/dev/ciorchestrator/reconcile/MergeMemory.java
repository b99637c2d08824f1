package dev.ciorchestrator.reconcile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A refused merge, remembered in the change's summary comment itself: a hidden last line naming the
 * head and base it was tried on and the forge's reason. The reporter's memory is lost in a restart;
 * this line is not, so a restart neither sends the merge again nor says "Not merged" a second time
 * while head and base stay where they were.
 *
 * @param reason the forge's words, as the summary shows them
 */
record MergeMemory(String headSha, String baseSha, String reason) {
  private static final Pattern LINE =
      Pattern.compile(
          "\\R<!-- ci-orchestrator:not-merged head=([0-9a-f]+) base=([0-9a-f]*)"
              + " reason=([A-Za-z0-9_-]*) -->$");

  /** The hidden line, to end the summary with. */
  String render() {
    String encoded =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(reason.getBytes(StandardCharsets.UTF_8));
    return "\n<!-- ci-orchestrator:not-merged head="
        + headSha
        + " base="
        + baseSha
        + " reason="
        + encoded
        + " -->";
  }

  /** The refusal a summary remembers, if it ends with one. */
  static Optional<MergeMemory> read(String summary) {
    Matcher m = LINE.matcher(summary);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      String reason = new String(Base64.getUrlDecoder().decode(m.group(3)), StandardCharsets.UTF_8);
      return Optional.of(new MergeMemory(m.group(1), m.group(2), reason));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not a line we wrote
    }
  }
}
