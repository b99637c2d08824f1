package dev.ciorchestrator.web.ui;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The web UI's settings ({@code ci.ui.*}); docs/ui.md describes each. */
@ConfigMapping(prefix = "ci.ui")
public interface UiSettings {
  /**
   * How much of a log a run page shows at first, from its end; "load earlier" reads the same amount
   * again. Each is one bounded read, whatever the log's size.
   */
  @WithDefault("128K")
  MemorySize logWindow();

  /** Open changes per page of the home page, and runs per page of a job's history. */
  @WithDefault("50")
  int pageSize();

  /** How long a browser session lasts after logging in. */
  @WithDefault("12h")
  Duration sessionTtl();

  /** How often a live log and a run's state are checked for news while someone watches. */
  @WithDefault("500ms")
  Duration followInterval();
}
