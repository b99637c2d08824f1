package dev.ciorchestrator.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Deployment settings of the review of config repository changes ({@code ci.config-review.*}); see
 * docs/config-review.md.
 */
@ConfigMapping(prefix = "ci.config-review")
public interface ConfigReviewSettings {
  /** Whether changes to the config repository get {@code ci/config} and their diff and impact. */
  @WithDefault("true")
  boolean enabled();

  /**
   * The config repository's name on its forge ({@code acme/ci-config}), when its address there is
   * not the one {@code ci.config.repo-url} gives (a mirror, a proxy); found by address otherwise.
   */
  Optional<String> repository();

  /** How many errors, diff lines and impact lines a summary shows; the rest are counted. */
  @WithDefault("50")
  int shown();
}
