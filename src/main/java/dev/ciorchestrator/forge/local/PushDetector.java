package dev.ciorchestrator.forge.local;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Notices pushes that reach a local repository directly ({@code git push} to its folder), past the
 * API that would announce them. Asking costs a few file stats while the refs did not change (see
 * {@link Branches}).
 */
public final class PushDetector {
  private final LocalForge forge;
  private final Map<String, Map<String, String>> seen = new HashMap<>();

  public PushDetector(LocalForge forge) {
    this.forge = forge;
  }

  /**
   * Whether any branch of {@code repo} moved, appeared or went since the last call; the first call
   * only takes the baseline.
   */
  public synchronized boolean pushed(String repo) throws IOException {
    Map<String, String> tips = forge.branches(repo);
    Map<String, String> before = seen.put(repo, tips);
    return before != null && !before.equals(tips);
  }
}
